// Kernel file leases (fcntl F_SETLEASE) as atomic_write's guard against
// appending writers. Editors and scripts take no locks, but the kernel knows
// who has a file open: a read lease is granted only while no one has the file
// open for writing, a write lease only while no one else has it open at all,
// and while a lease is held a conflicting open() waits until it is released
// (up to /proc/sys/fs/lease-break-time). Leases need the file's owner (or
// CAP_LEASE) and a filesystem that supports them; without them every call
// here reports failure and atomic_write falls back to its best effort.
#pragma once

#include <chrono>

namespace vaultlink {

// A lease held on a descriptor, released on destruction (or with release()).
class FileLease {
 public:
  FileLease() = default;
  FileLease(const FileLease&) = delete;
  FileLease& operator=(const FileLease&) = delete;
  ~FileLease() { release(); }

  // A read lease on `fd` (opened read-only), taken as soon as no one has the
  // file open for writing, waiting at most `patience`. From then on anyone
  // opening it for writing waits for release().
  bool take_read(int fd, std::chrono::milliseconds patience);
  // A write lease on `fd`, our only descriptor of a file no one else has
  // open: from then on any open() of it waits for release().
  bool take_write(int fd);
  void release();
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// Returns once no one has the file behind `fd` (opened read-only) open for
// writing, or after `patience`; false when that could not be established.
bool wait_for_writers_to_close(int fd, std::chrono::milliseconds patience);

}  // namespace vaultlink
