"""Drives the real `vaultlink lsp` over pipes: every method it serves, UTF-16
positions on a line with non-ASCII characters, malformed input, changes made
outside the editor, and shutdown/exit. Usage: lsp_protocol.py VAULTLINK VAULT"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from lsp_client import LspClient, uri_of  # noqa: E402

vaultlink, vault = sys.argv[1], os.path.realpath(sys.argv[2])


def write(name, text):
    with open(os.path.join(vault, name), "w", encoding="utf-8") as f:
        f.write(text)


def uri(name):
    return uri_of(os.path.join(vault, name))


def codes(diagnostics):
    return sorted(d["code"] for d in diagnostics)


def pos(line, character):
    return {"line": line, "character": character}


def at(name, line, character):
    return {"textDocument": {"uri": uri(name)}, "position": pos(line, character)}


write("Alpha.md", "# Alpha\n\n## Section One\n\nA block of text ^blk1\n\nSee [[Beta]] and [[Beta#Details]].\n")
write("Beta.md", "---\naliases: [Bee]\n---\n# Beta\n\n## Details\n\nBeta details line.\n")
write("Gamma.md", "# Gamma\n\n[[Nowhere]] and [[Alpha#Section One]] and [[Alpha#^blk1]].\n")
# é is one UTF-16 unit (two bytes), 😀 two units (four bytes): the link starts at character 8, byte 11.
write("Unicode.md", "café 😀 [[Nowhere]] end\n")

client = LspClient([vaultlink, "lsp"])

# Lifecycle: nothing but initialize before initialize.
error = client.request_full("textDocument/hover", at("Alpha.md", 0, 0))["error"]
assert error["code"] == -32002, error

result = client.request("initialize", {
    "processId": os.getpid(), "rootUri": uri_of(vault),
    "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True},
                                   "workspaceEdit": {"documentChanges": True, "resourceOperations": ["rename"]}}},
    "initializationOptions": {"severities": {"broken-link": "error"}}})
capabilities = result["capabilities"]
assert capabilities["textDocumentSync"]["change"] == 2, capabilities
assert capabilities["positionEncoding"] == "utf-16", capabilities  # the client named none
for provider in ["definitionProvider", "referencesProvider", "hoverProvider", "completionProvider",
                 "codeActionProvider", "renameProvider", "documentSymbolProvider"]:
    assert capabilities.get(provider), provider
assert client.request_full("initialize", {"capabilities": {}})["error"]["code"] == -32600
client.notify("initialized", {})

# Every note's diagnostics arrive without opening it; initializationOptions made broken links errors.
gamma = client.diagnostics(uri("Gamma.md"))
assert codes(gamma) == ["broken-link"], gamma
assert gamma[0]["severity"] == 1 and gamma[0]["source"] == "vaultlink", gamma
registration = client.wait_for(lambda m: m.get("method") == "client/registerCapability")
assert registration["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"
client.send({"jsonrpc": "2.0", "id": registration["id"], "result": None})
client.diagnostics(uri("Unicode.md"))

# UTF-16 ranges on a line with é and an emoji.
unicode_text = open(os.path.join(vault, "Unicode.md"), encoding="utf-8").read()
client.notify("textDocument/didOpen", {"textDocument": {"uri": uri("Unicode.md"), "languageId": "markdown",
                                                         "version": 1, "text": unicode_text}})
# Incremental edits: insert a misspelt link before the broken one, then replace the emoji.
client.notify("textDocument/didChange", {
    "textDocument": {"uri": uri("Unicode.md"), "version": 2},
    "contentChanges": [{"range": {"start": pos(0, 8), "end": pos(0, 8)}, "text": "[[Alpa]] "}]})
diagnostics = client.diagnostics(uri("Unicode.md"), lambda ds: len(ds) == 2)
alpa, nowhere = sorted(diagnostics, key=lambda d: d["range"]["start"]["character"])
assert alpa["range"] == {"start": pos(0, 8), "end": pos(0, 16)}, alpa
assert alpa["data"]["suggestion"] == "[[Alpha]]" and "Alpha" in alpa["message"], alpa
assert nowhere["range"] == {"start": pos(0, 17), "end": pos(0, 28)}, nowhere

actions = client.request("textDocument/codeAction", {
    "textDocument": {"uri": uri("Unicode.md")}, "range": {"start": pos(0, 10), "end": pos(0, 10)},
    "context": {"diagnostics": []}})
assert len(actions) == 1 and actions[0]["kind"] == "quickfix", actions
edit = actions[0]["edit"]["changes"][uri("Unicode.md")][0]
assert edit == {"range": alpa["range"], "newText": "[[Alpha]]"}, edit

client.notify("textDocument/didChange", {
    "textDocument": {"uri": uri("Unicode.md"), "version": 3},
    "contentChanges": [{"range": {"start": pos(0, 5), "end": pos(0, 7)}, "text": "x"}]})
diagnostics = client.diagnostics(uri("Unicode.md"), lambda ds: len(ds) == 2 and ds[0]["range"]["start"]["character"] == 7)
assert sorted(d["range"]["start"]["character"] for d in diagnostics) == [7, 16], diagnostics

# Completion on the non-ASCII line: notes by name and alias, headings, block ids.
client.notify("textDocument/didOpen", {"textDocument": {"uri": uri("Draft.md"), "languageId": "markdown",
                                                         "version": 1, "text": "é😀 [[Be\n[[Beta#\n[[Alpha#^\n[[#\n"}})
items = client.request("textDocument/completion", at("Draft.md", 0, 8))["items"]
by_label = {item["label"]: item for item in items}
assert by_label["Beta"]["textEdit"] == {"range": {"start": pos(0, 6), "end": pos(0, 8)}, "newText": "Beta"}, items
assert by_label["Bee"]["textEdit"]["newText"] == "Beta|Bee", items
assert "Alpha" not in by_label, items
labels = [item["label"] for item in client.request("textDocument/completion", at("Draft.md", 1, 7))["items"]]
assert labels == ["Beta", "Details"], labels
items = client.request("textDocument/completion", at("Draft.md", 2, 9))["items"]
assert [item["textEdit"]["newText"] for item in items] == ["^blk1"], items
assert client.request("textDocument/completion", at("Draft.md", 3, 3))["items"] == []

# Definition: a note, a heading, a block.
location = client.request("textDocument/definition", at("Alpha.md", 6, 6))
assert location == {"uri": uri("Beta.md"), "range": {"start": pos(0, 0), "end": pos(0, 0)}}, location
location = client.request("textDocument/definition", at("Alpha.md", 6, 20))
assert location["uri"] == uri("Beta.md") and location["range"]["start"] == pos(5, 0), location
location = client.request("textDocument/definition", at("Gamma.md", 2, 45))
assert location["uri"] == uri("Alpha.md") and location["range"] == {"start": pos(4, 16), "end": pos(4, 21)}, location
assert client.request("textDocument/definition", at("Gamma.md", 2, 3)) is None  # broken link

# References: of a heading (only links to it), of a note (every link to it).
found = client.request("textDocument/references", {**at("Beta.md", 5, 3), "context": {"includeDeclaration": False}})
assert [(r["uri"], r["range"]["start"]) for r in found] == [(uri("Alpha.md"), pos(6, 17))], found
found = client.request("textDocument/references", {**at("Beta.md", 7, 0), "context": {"includeDeclaration": False}})
assert sorted(r["range"]["start"]["character"] for r in found) == [4, 17], found
found = client.request("textDocument/references", {**at("Alpha.md", 2, 4), "context": {"includeDeclaration": True}})
assert [(r["uri"], r["range"]["start"]["line"]) for r in found] == [(uri("Alpha.md"), 2), (uri("Gamma.md"), 2)], found

# Hover: the heading's section; the note's start without its frontmatter.
hover = client.request("textDocument/hover", at("Alpha.md", 6, 20))["contents"]["value"]
assert "## Details" in hover and "Beta details line." in hover, hover
hover = client.request("textDocument/hover", at("Alpha.md", 6, 6))["contents"]["value"]
assert "# Beta" in hover and "aliases" not in hover, hover

symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri("Alpha.md")}})
assert [(s["name"], [c["name"] for c in s["children"]]) for s in symbols] == [("Alpha", ["Section One"])], symbols

# Rename a heading: the heading and every link to it.
edit = client.request("textDocument/rename", {**at("Beta.md", 5, 4), "newName": "Particulars"})
changes = {c["textDocument"]["uri"]: c["edits"] for c in edit["documentChanges"]}
assert [e["newText"] for e in changes[uri("Beta.md")]] == ["Particulars"], changes
assert [e["newText"] for e in changes[uri("Alpha.md")]] == ["[[Beta#Particulars]]"], changes

# Rename a note: the file, and every link to it.
edit = client.request("textDocument/rename", {**at("Beta.md", 7, 2), "newName": "Bravo"})
operations = edit["documentChanges"]
assert operations[-1] == {"kind": "rename", "oldUri": uri("Beta.md"), "newUri": uri("Bravo.md")}, operations
alpha_edits = [c for c in operations if c.get("textDocument", {}).get("uri") == uri("Alpha.md")][0]["edits"]
assert sorted(e["newText"] for e in alpha_edits) == ["[[Bravo#Details]]", "[[Bravo]]"], alpha_edits
assert client.request_full("textDocument/rename", {**at("Beta.md", 7, 2), "newName": "Alpha"})["error"]["code"] == -32803

# Other notes follow changes on disk: the watcher sees a new note...
write("Nowhere.md", "# Nowhere\n")
client.diagnostics(uri("Gamma.md"), lambda ds: ds == [])
# ...a save removes a heading other notes link to...
write("Alpha.md", "# Alpha\n\nA block of text ^blk1\n\nSee [[Beta]] and [[Beta#Details]].\n")
client.notify("textDocument/didSave", {"textDocument": {"uri": uri("Alpha.md")}})
gamma = client.diagnostics(uri("Gamma.md"), lambda ds: codes(ds) == ["broken-heading"])
# ...and the client reports a deleted note.
os.remove(os.path.join(vault, "Beta.md"))
client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri("Beta.md"), "type": 3}]})
alpha = client.diagnostics(uri("Alpha.md"), lambda ds: codes(ds) == ["broken-link", "broken-link"])

# Malformed input gets JSON-RPC errors, and the server keeps serving.
def next_error():
    return client.wait_for(lambda m: "error" in m and "method" not in m)["error"]


client.send_raw(b"Content-Length: 9\r\n\r\n{\"bad\": }")
assert next_error()["code"] == -32700
client.send_raw(b"Content-Length: 4\r\n\r\n\xff\xfe{}")
assert next_error()["code"] == -32700
client.send_raw(b"Content-Type: application/json\r\n\r\n")
assert next_error()["code"] == -32700
client.send_raw(b"Content-Length: 12\r\n\r\n[1, 2, 3, 4]")
assert next_error()["code"] == -32600
client.send({"jsonrpc": "2.0", "id": 77, "params": {}})
assert next_error()["code"] == -32600
response = client.request_full("no/suchMethod", {})
assert response["error"]["code"] == -32601, response
response = client.request_full("textDocument/hover", {"textDocument": {}})
assert response["error"]["code"] == -32602, response
huge = 70 * 1024 * 1024
client.send_raw(b"Content-Length: %d\r\n\r\n" % huge)
assert "larger" in next_error()["message"]
client.send_raw(b" " * huge)
client.notify("no/suchNotification", {})
assert client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri("Gamma.md")}})[0]["name"] == "Gamma"

# Shutdown, then exit: status 0.
assert client.request("shutdown", None) is None
assert client.request_full("textDocument/hover", at("Alpha.md", 0, 0))["error"]["code"] == -32600
client.notify("exit", None)
assert client.wait_exit() == 0

# Exit without shutdown: status 1.
client = LspClient([vaultlink, "lsp"])
client.request("initialize", {"rootUri": uri_of(vault), "capabilities": {}})
client.notify("exit", None)
assert client.wait_exit() == 1
print("lsp protocol: ok")
