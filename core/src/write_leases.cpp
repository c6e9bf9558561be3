#include "write_leases.hpp"

#include <fcntl.h>

#include <cerrno>
#include <csignal>
#include <thread>

namespace vaultlink {

namespace {

// Someone opening the file while we hold a lease makes the kernel signal the
// holder, SIGIO by default, whose default action would end the process that
// hosts us (an editor). SIGURG is ignored by default; the lease is released
// promptly anyway, so the signal itself needs no handling.
bool quiet_lease_signal(int fd) { return ::fcntl(fd, F_SETSIG, SIGURG) == 0; }

}  // namespace

bool FileLease::take_read(int fd, std::chrono::milliseconds patience) {
  release();
  if (!quiet_lease_signal(fd)) return false;
  const auto give_up = std::chrono::steady_clock::now() + patience;
  for (;;) {
    if (::fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
      fd_ = fd;
      return true;
    }
    // EAGAIN: someone has it open for writing now; anything else: no leases here.
    if (errno != EAGAIN || std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

bool FileLease::take_write(int fd) {
  release();
  if (!quiet_lease_signal(fd) || ::fcntl(fd, F_SETLEASE, F_WRLCK) != 0) return false;
  fd_ = fd;
  return true;
}

void FileLease::release() {
  if (fd_ >= 0) ::fcntl(fd_, F_SETLEASE, F_UNLCK);
  fd_ = -1;
}

bool wait_for_writers_to_close(int fd, std::chrono::milliseconds patience) {
  FileLease lease;
  return lease.take_read(fd, patience);  // released at once: only the moment of the grant matters
}

}  // namespace vaultlink
