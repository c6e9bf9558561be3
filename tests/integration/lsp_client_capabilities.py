"""Drives the real `vaultlink lsp` over pipes as differently capable clients:
the position encoding it negotiates (UTF-16, UTF-8, UTF-32) on lines with
"é", "日本" and an emoji outside the BMP; settings pulled with
workspace/configuration or pushed with didChangeConfiguration; renaming a
note for clients that can and cannot rename files.
Usage: lsp_client_capabilities.py VAULTLINK VAULT"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from lsp_client import LspClient, uri_of  # noqa: E402

vaultlink, vault = sys.argv[1], os.path.realpath(sys.argv[2])

ENCODED_AS = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}
UNIT_BYTES = {"utf-8": 1, "utf-16": 2, "utf-32": 4}


def units(text, encoding):
    """The length of text in the code units of an LSP position encoding."""
    return len(text.encode(ENCODED_AS[encoding])) // UNIT_BYTES[encoding]


def write(name, text):
    with open(os.path.join(vault, name), "w", encoding="utf-8") as f:
        f.write(text)


def uri(name):
    return uri_of(os.path.join(vault, name))


def pos(line, character):
    return {"line": line, "character": character}


def at(name, line, character):
    return {"textDocument": {"uri": uri(name)}, "position": pos(line, character)}


def start(capabilities, options=None):
    client = LspClient([vaultlink, "lsp"])
    return client, client.start(vault, capabilities, options)


CIBLE = "# Cible 日本\n\n## Sé😀ction\n\ntexte é😀 ^blk1\n"
SOURCE_LINES = ["é日本😀 [[Nowhere]] et [[Cible#Sé😀ction]]", "日本 [[Cible#^blk1]]", "😀é [[Ci"]
write("Cible.md", CIBLE)
write("Source.md", "\n".join(SOURCE_LINES[:2]) + "\n")

# ---------------------------------------------------------------- position encodings
for offered, chosen in [(["utf-8", "utf-16"], "utf-16"), (["utf-8"], "utf-8"), (["utf-32", "utf-8"], "utf-32")]:
    def u(text):
        return units(text, chosen)
    client, capabilities = start({"general": {"positionEncodings": offered},
                                  "workspace": {"workspaceEdit": {"documentChanges": True}}})
    assert capabilities["positionEncoding"] == chosen, (offered, capabilities)
    line0 = SOURCE_LINES[0]

    # Diagnostics of a note on disk, before it is opened.
    broken = client.diagnostics(uri("Source.md"))
    assert [d["range"] for d in broken] == [{"start": pos(0, u("é日本😀 ")), "end": pos(0, u("é日本😀 [[Nowhere]]"))}], \
        (chosen, broken)

    # An incremental edit at a position counted in the encoding, then the diagnostics of the buffer.
    text = "\n".join(SOURCE_LINES) + "\n"
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri("Source.md"), "languageId": "markdown",
                                                             "version": 1, "text": text}})
    insert_at = pos(0, u("é日本😀 "))
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri("Source.md"), "version": 2},
                                             "contentChanges": [{"range": {"start": insert_at, "end": insert_at},
                                                                 "text": "[[Alpa]] "}]})
    line0 = "é日本😀 [[Alpa]] " + line0[len("é日本😀 "):]
    diagnostics = client.diagnostics(uri("Source.md"), lambda ds: len(ds) == 2)
    ranges = sorted((d["range"]["start"]["character"], d["range"]["end"]["character"]) for d in diagnostics)
    assert ranges == [(u("é日本😀 "), u("é日本😀 [[Alpa]]")), (u("é日本😀 [[Alpa]] "), u("é日本😀 [[Alpa]] [[Nowhere]]"))], \
        (chosen, ranges)
    # An edit replacing the emoji alone (a whole character in every encoding).
    emoji = {"start": pos(1, u("日本 [[Cible#^blk1]]")), "end": pos(1, u("日本 [[Cible#^blk1]]"))}
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri("Source.md"), "version": 3},
                                             "contentChanges": [{"range": emoji, "text": " [[😀]]"}]})
    diagnostics = client.diagnostics(uri("Source.md"), lambda ds: len(ds) == 3)
    added = [d for d in diagnostics if d["range"]["start"]["line"] == 1][0]
    assert added["range"] == {"start": pos(1, u("日本 [[Cible#^blk1]] ")), "end": pos(1, u("日本 [[Cible#^blk1]] [[😀]]"))}, \
        (chosen, added)

    # Definition: from a link after non-ASCII text to a block marker after non-ASCII text.
    location = client.request("textDocument/definition", at("Source.md", 1, u("日本 [[Ci")))
    assert location == {"uri": uri("Cible.md"),
                        "range": {"start": pos(4, u("texte é😀 ")), "end": pos(4, u("texte é😀 ^blk1"))}}, (chosen, location)
    # A cursor on the last unit of the heading link still finds it.
    location = client.request("textDocument/definition", at("Source.md", 0, u(line0) - 1))
    assert location["range"]["start"] == pos(2, 0), (chosen, location)

    # Completion: the range replaced is what was typed after "[[".
    items = client.request("textDocument/completion", at("Source.md", 2, u("😀é [[Ci")))["items"]
    cible = [i for i in items if i["label"] == "Cible"][0]
    assert cible["textEdit"]["range"] == {"start": pos(2, u("😀é [[")), "end": pos(2, u("😀é [[Ci"))}, (chosen, cible)

    # prepareRename: the heading's text (its range in the encoding) and its name.
    prepared = client.request("textDocument/prepareRename", at("Cible.md", 2, u("## Sé😀")))
    assert prepared == {"range": {"start": pos(2, u("## ")), "end": pos(2, u("## Sé😀ction"))},
                        "placeholder": "Sé😀ction"}, (chosen, prepared)
    # Rename a heading holding an emoji: its text and the link in the buffer.
    edit = client.request("textDocument/rename", {**at("Cible.md", 2, u("## Sé😀")), "newName": "Partie 日本"})
    changes = {c["textDocument"]["uri"]: c["edits"] for c in edit["documentChanges"]}
    assert changes[uri("Cible.md")] == [{"range": {"start": pos(2, u("## ")), "end": pos(2, u("## Sé😀ction"))},
                                         "newText": "Partie 日本"}], (chosen, changes)
    link_start = u("é日本😀 [[Alpa]] [[Nowhere]] et ")
    assert changes[uri("Source.md")] == [{"range": {"start": pos(0, link_start), "end": pos(0, u(line0))},
                                          "newText": "[[Cible#Partie 日本]]"}], (chosen, changes)
    client.stop()

# ---------------------------------------------------------------- settings from workspace/configuration
# Source.md has one broken link on disk; its severity shows which settings are in force.
def severities(client):
    return [d["severity"] for d in client.diagnostics(uri("Source.md"), lambda ds: len(ds) == 1)]


def configuration_request(client):
    request = client.wait_for(lambda m: m.get("method") == "workspace/configuration", what="workspace/configuration")
    assert [item["section"] for item in request["params"]["items"]] == ["vaultlink"], request
    assert request["params"]["items"][0]["scopeUri"] == uri_of(vault), request
    return request


def shown_error(client):
    message = client.wait_for(lambda m: m.get("method") == "window/showMessage", what="window/showMessage")
    assert message["params"]["type"] == 1, message
    return message["params"]["message"]


client, _ = start({"workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": False}}},
                  {"severities": {"broken-link": "error"}})
# The vault is loaded once the client's settings are known (lsp_startup_load.py):
# the first diagnostics already have them.
client.answer(configuration_request(client), [{"severities": {"broken-link": "warning"}}])
assert severities(client) == [2]
# The client says its settings changed (with nothing in the notification): the server asks again.
client.notify("workspace/didChangeConfiguration", {"settings": None})
client.answer(configuration_request(client), [{"severities": {"broken-link": "info"}}])
assert severities(client) == [3]
# Bad settings are reported, not applied, and the server keeps serving with the previous ones.
for bad, expected in [({"no-such-setting": 1}, "unknown setting 'no-such-setting'"),
                      ({"severities": 5}, "'severities'"),
                      ({"severities": {"broken-link": "loud"}}, "broken-link"),
                      (5, "must be an object")]:
    client.notify("workspace/didChangeConfiguration", {"settings": None})
    client.answer(configuration_request(client), [bad])
    text = shown_error(client)
    assert expected in text and "previous settings" in text, (bad, text)
client.notify("workspace/didChangeConfiguration", {"settings": None})
client.answer(configuration_request(client), error={"code": -32601, "message": "no configuration here"})
client.wait_for(lambda m: m.get("method") == "window/logMessage" and "no configuration here" in m["params"]["message"],
                what="the log of the client's error")
# A buffer checked now (its link moved, so its diagnostics are new) still uses the last good settings.
client.notify("textDocument/didOpen", {"textDocument": {"uri": uri("Source.md"), "languageId": "markdown", "version": 1,
                                                         "text": "moved " + SOURCE_LINES[0] + "\n"}})
assert severities(client) == [3]
# No "vaultlink" settings in the client any more: initializationOptions apply again.
client.notify("workspace/didChangeConfiguration", {"settings": None})
client.answer(configuration_request(client), [None])
assert severities(client) == [1]
client.stop()

# A client that does not answer workspace/configuration pushes its settings instead.
client, _ = start({})
assert severities(client) == [2]  # the vault's default for broken links
client.notify("workspace/didChangeConfiguration", {"settings": {"vaultlink": {"severities": {"broken-link": "error"}},
                                                                "other-server": {"x": 1}}})
assert severities(client) == [1]
client.notify("workspace/didChangeConfiguration", {"settings": {"vaultlink": {"colour": "red"}}})
assert "unknown setting 'colour'" in shown_error(client)
client.notify("workspace/didChangeConfiguration", {"settings": {"other-server": {}}})
assert severities(client) == [2]
assert not [m for m in client.pending if m.get("method") == "workspace/configuration"], client.pending
client.stop()

# ---------------------------------------------------------------- renaming a note
rename_note = {**at("Cible.md", 4, 0), "newName": "Renommée"}
client, capabilities = start({"workspace": {"workspaceEdit": {"documentChanges": True, "resourceOperations": ["create", "rename"]}},
                              "textDocument": {"rename": {"prepareSupport": True}}})
assert capabilities["renameProvider"] == {"prepareProvider": True}, capabilities
# prepareRename: from anywhere in a note, the note (at the cursor); on a link, the link and its target's name.
assert client.request("textDocument/prepareRename", at("Cible.md", 4, 2)) == \
    {"range": {"start": pos(4, 2), "end": pos(4, 2)}, "placeholder": "Cible"}
heading_link = units("é日本😀 [[Nowhere]] et ", "utf-16")
assert client.request("textDocument/prepareRename", at("Source.md", 0, heading_link + 3)) == \
    {"range": {"start": pos(0, heading_link), "end": pos(0, units(SOURCE_LINES[0], "utf-16"))}, "placeholder": "Sé😀ction"}
assert client.request_full("textDocument/prepareRename", at("Source.md", 1, 6))["error"]["code"] == -32803  # to ^blk1
operations = client.request("textDocument/rename", rename_note)["documentChanges"]
assert operations[-1] == {"kind": "rename", "oldUri": uri("Cible.md"), "newUri": uri("Renommée.md")}, operations
source_edits = [c for c in operations if c.get("textDocument", {}).get("uri") == uri("Source.md")][0]["edits"]
assert sorted(e["newText"] for e in source_edits) == ["[[Renommée#Sé😀ction]]", "[[Renommée#^blk1]]"], source_edits
client.stop()
# Neovim 0.7 lists the resource operations without documentChanges: the RenameFile needs them anyway.
client, _ = start({"workspace": {"workspaceEdit": {"resourceOperations": ["rename", "create", "delete"]}}})
assert client.request("textDocument/rename", rename_note)["documentChanges"] == operations
client.stop()

# Clients that cannot apply a RenameFile: an error saying so, and no edit of any link.
for capabilities in [{}, {"workspace": {"workspaceEdit": {"documentChanges": True}}},
                     {"workspace": {"workspaceEdit": {"documentChanges": True, "resourceOperations": ["create"]}}}]:
    client, announced = start({**capabilities, "textDocument": {"rename": {"prepareSupport": True}}})
    assert announced["renameProvider"] == {"prepareProvider": True}, announced
    # prepareRename refuses before the user types a name.
    response = client.request_full("textDocument/prepareRename", rename_note)
    assert response["error"]["code"] == -32803 and "cannot rename files" in response["error"]["message"], response
    response = client.request_full("textDocument/rename", rename_note)
    assert response["error"]["code"] == -32803 and "cannot rename files" in response["error"]["message"], response
    assert "result" not in response, response
    # A heading is renamed in every client, with "changes" for those without documentChanges.
    edit = client.request("textDocument/rename", {**at("Cible.md", 2, 4), "newName": "Partie"})
    assert client.request("textDocument/prepareRename", at("Cible.md", 2, 4))["placeholder"] == "Sé😀ction"
    if capabilities:
        assert "changes" not in edit and len(edit["documentChanges"]) == 2, edit
    else:
        assert "documentChanges" not in edit, edit
        assert [e["newText"] for e in edit["changes"][uri("Source.md")]] == ["[[Cible#Partie]]"], edit
        assert [e["newText"] for e in edit["changes"][uri("Cible.md")]] == ["Partie"], edit
    client.stop()
print("lsp client capabilities: ok")
