// Callbacks for fetch and push. Local paths and file:// never ask for
// credentials. For ssh the agent is the only non-interactive source libgit2
// offers; for http(s) libgit2 has the platform's default credentials
// (NTLM/Negotiate) but does not run git's credential helpers. Each kind is
// offered once: libgit2 calls back again after a refusal, and offering the
// same thing again would loop forever.
#include "git_repo.hpp"

namespace vaultlink::gitx {

namespace {

int acquire_credentials(git_credential** out, const char* url, const char* username_from_url,
                        unsigned int allowed_types, void* payload) {
  auto& session = *static_cast<RemoteSession*>(payload);
  const char* user = username_from_url && *username_from_url ? username_from_url : "git";
  auto offer = [&](unsigned int kind) {
    if (!(allowed_types & kind) || (session.credentials_tried & kind)) return false;
    session.credentials_tried |= kind;
    return true;
  };
  if (offer(GIT_CREDENTIAL_USERNAME)) return git_credential_username_new(out, user);
  if (offer(GIT_CREDENTIAL_SSH_KEY)) return git_credential_ssh_key_from_agent(out, user);
  if (offer(GIT_CREDENTIAL_DEFAULT)) return git_credential_default_new(out);
  git_error_set_str(GIT_ERROR_NET, (std::string("no usable credentials for ") + (url ? url : "the remote") +
                                    " (vaultlink offers ssh-agent keys for ssh remotes; https remotes that need "
                                    "a password are not supported: libgit2 does not run git credential helpers)")
                                       .c_str());
  return GIT_EAUTH;
}

int record_push_status(const char* refname, const char* status, void* payload) {
  if (status) static_cast<RemoteSession*>(payload)->push_rejection = std::string(refname) + ": " + status;
  return 0;
}

}  // namespace

RemoteSession::RemoteSession() {
  check(git_remote_init_callbacks(&callbacks, GIT_REMOTE_CALLBACKS_VERSION), "git_remote_init_callbacks");
  callbacks.credentials = acquire_credentials;
  callbacks.push_update_reference = record_push_status;
  callbacks.payload = this;
}

}  // namespace vaultlink::gitx
