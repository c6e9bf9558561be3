"""The vault folder removed while the language server runs (an unmounted
drive, a `git clean` of a parent, a folder moved away): the server says so in
the editor's log and keeps serving until the client ends it; it does not die.
Usage: lsp_vault_removed.py VAULTLINK VAULT"""
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from lsp_client import LspClient, uri_of  # noqa: E402

vaultlink, vault = sys.argv[1], os.path.realpath(sys.argv[2])
with open(os.path.join(vault, "Note.md"), "w", encoding="utf-8") as f:
    f.write("[[Missing]]\n")

client = LspClient([vaultlink, "lsp"])
client.start(vault, {}, {"debounceMs": 50})
note = uri_of(os.path.join(vault, "Note.md"))
client.diagnostics(note, lambda ds: len(ds) == 1)

shutil.rmtree(vault)
# The watcher reports the loss in the editor's log.
client.wait_for(lambda m: m.get("method") == "window/logMessage" and "no longer watched" in m["params"]["message"],
                10, "a message that the vault folder is no longer watched")
time.sleep(0.3)
assert client.process.poll() is None, "the server ended when its vault folder was removed"
client.request("textDocument/documentSymbol", {"textDocument": {"uri": note}})
client.stop()
print("lsp vault removed: ok")
