"""A change of settings reaches the server's file watcher: a new debounceMs
sets how soon a change on disk shows in diagnostics, a folder taken out of
excludedFolders is watched from then on, and notes of a folder newly excluded
lose their diagnostics. Settings pushed with didChangeConfiguration and the
vault's settings file (reported with didChangeWatchedFiles) both count.
Usage: lsp_watcher_settings.py VAULTLINK VAULT"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from lsp_client import LspClient, uri_of  # noqa: E402

vaultlink, vault = sys.argv[1], os.path.realpath(sys.argv[2])
SLOW_MS = 8000
# Far below SLOW_MS, far above the fast debounce: a change that waited for the
# slow one never arrives in time.
SOON_S = 4


def write(name, text):
    os.makedirs(os.path.dirname(os.path.join(vault, name)), exist_ok=True)
    with open(os.path.join(vault, name), "w", encoding="utf-8") as f:
        f.write(text)


def uri(name):
    return uri_of(os.path.join(vault, name))


def broken_links(client, name, count, timeout=10):
    """Waits until `name` shows `count` diagnostics."""
    client.diagnostics(uri(name), lambda ds: len(ds) == count, timeout)


write("Top.md", "# Top\n")
write("Archive/Old.md", "[[Nowhere]]\n")
write("Drafts/Draft.md", "[[Missing]]\n")

# ------------------------------------------------ settings from didChangeConfiguration
client = LspClient([vaultlink, "lsp"])
client.start(vault, {}, {"debounceMs": SLOW_MS, "excludedFolders": ["Archive"]})
broken_links(client, "Drafts/Draft.md", 1)
client.notify("workspace/didChangeConfiguration",
              {"settings": {"vaultlink": {"debounceMs": 50, "excludedFolders": ["Drafts"]}}})
broken_links(client, "Archive/Old.md", 1)  # the vault, loaded again, has Archive...
client.diagnostics(uri("Drafts/Draft.md"), lambda ds: ds == [])  # ...and no longer Drafts
# A new note shows its broken link after the new debounce, not the old one.
write("Fresh.md", "[[Absent]]\n")
broken_links(client, "Fresh.md", 1, SOON_S)
# A change in the folder no longer excluded is seen.
write("Archive/Old.md", "[[Nowhere]] and [[Elsewhere]]\n")
broken_links(client, "Archive/Old.md", 2, SOON_S)
client.stop()

# ------------------------------------------------ settings from the vault's settings file
write(".vaultlink.json", '{ "debounceMs": %d }\n' % SLOW_MS)
client = LspClient([vaultlink, "lsp"])
client.start(vault, {})
broken_links(client, "Fresh.md", 1)
write(".vaultlink.json", '{ "debounceMs": 50 }\n')
client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri(".vaultlink.json"), "type": 2}]})
# Answered once the notification before it is applied: the change below comes after the new settings.
client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri("Top.md")}})
write("Fresh.md", "[[Absent]] [[Vanished]]\n")
broken_links(client, "Fresh.md", 2, SOON_S)
client.stop()
print("lsp watcher settings: ok")
