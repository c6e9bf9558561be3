"""The language server reads the vault once at start-up, with the settings in
force at the end of it. A client that answers workspace/configuration is
asked before the vault is first loaded, so its settings cost no second load
and the first diagnostics already show them; a client that never answers gets
the vault loaded with initializationOptions after a bounded wait, and what it
sent meanwhile is served, in order. Each load is told in window/logMessage
("vaultlink: loaded ..."), which is what is counted here.
Usage: lsp_startup_load.py VAULTLINK VAULT"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from lsp_client import LspClient, uri_of  # noqa: E402

vaultlink, vault = sys.argv[1], os.path.realpath(sys.argv[2])
SOURCE = uri_of(os.path.join(vault, "Source.md"))
ERROR, WARNING, INFO = 1, 2, 3
PULLING = {"workspace": {"configuration": True}}
BROKEN_LINKS_ARE_ERRORS = {"severities": {"broken-link": "error"}}

with open(os.path.join(vault, "Source.md"), "w", encoding="utf-8") as f:
    f.write("A [[Nowhere]] link.\n")
with open(os.path.join(vault, "Target.md"), "w", encoding="utf-8") as f:
    f.write("# Target\n")


def is_load(message):
    return message.get("method") == "window/logMessage" and message["params"]["message"].startswith("vaultlink: loaded")


def stop_counting_loads(client):
    """Ends the server; how many times it loaded the vault (every message sent
    before the shutdown response has been received by then)."""
    client.stop()
    return len([m for m in client.pending if is_load(m)])


def severities_published(client):
    """Severities of Source.md's diagnostics in every publication received so far."""
    return [[d["severity"] for d in m["params"]["diagnostics"]] for m in client.pending
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == SOURCE]


def configuration_request(client):
    return client.wait_for(lambda m: m.get("method") == "workspace/configuration", what="workspace/configuration")


# The client's settings differ from initializationOptions: one load, with them.
client = LspClient([vaultlink, "lsp"])
client.start(vault, PULLING, BROKEN_LINKS_ARE_ERRORS)
client.answer(configuration_request(client), [{"severities": {"broken-link": "info"}}])
assert [d["severity"] for d in client.diagnostics(SOURCE)] == [INFO]  # the first diagnostics the client sees
loads = stop_counting_loads(client)
assert loads == 1, loads
assert ERROR not in sum(severities_published(client), []), severities_published(client)

# The client answers with an error: one load, with initializationOptions.
client = LspClient([vaultlink, "lsp"])
client.start(vault, PULLING, BROKEN_LINKS_ARE_ERRORS)
client.answer(configuration_request(client), error={"code": -32603, "message": "no settings today"})
assert [d["severity"] for d in client.diagnostics(SOURCE)] == [ERROR]
assert stop_counting_loads(client) == 1

# Settings the client answers that cannot apply: said, and one load, with initializationOptions.
for bad, expected in [({"severities": {"broken-link": "loud"}}, "broken-link"), (7, "must be an object")]:
    client = LspClient([vaultlink, "lsp"])
    client.start(vault, PULLING, BROKEN_LINKS_ARE_ERRORS)
    client.answer(configuration_request(client), [bad])
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage", what="window/showMessage")
    assert expected in shown["params"]["message"] and "initializationOptions" in shown["params"]["message"], shown
    assert [d["severity"] for d in client.diagnostics(SOURCE)] == [ERROR]
    assert stop_counting_loads(client) == 1

# A client that does not answer workspace/configuration: one load, during initialize.
client = LspClient([vaultlink, "lsp"])
client.start(vault, {}, BROKEN_LINKS_ARE_ERRORS)
assert [d["severity"] for d in client.diagnostics(SOURCE)] == [ERROR]
assert stop_counting_loads(client) == 1

# The client says it answers but does not: the vault is loaded with
# initializationOptions after a wait of a few seconds at most; what the client
# sent meanwhile (an edited buffer, a request) is served once it is.
client = LspClient([vaultlink, "lsp"])
started = time.monotonic()
client.start(vault, PULLING, BROKEN_LINKS_ARE_ERRORS)
request = configuration_request(client)
client.notify("textDocument/didOpen", {"textDocument": {"uri": SOURCE, "languageId": "markdown", "version": 1,
                                                         "text": "A [[Nowhere]] and [[Gone]] link.\n"}})
symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri_of(os.path.join(vault, "Target.md"))}})
assert [s["name"] for s in symbols] == ["Target"], symbols
assert time.monotonic() - started < 6, time.monotonic() - started
assert [d["severity"] for d in client.diagnostics(SOURCE, lambda ds: len(ds) == 2)] == [ERROR, ERROR]
logged = client.wait_for(lambda m: m.get("method") == "window/logMessage" and "workspace/configuration" in
                         m["params"]["message"], what="the log of the unanswered workspace/configuration")
assert "initializationOptions" in logged["params"]["message"], logged
# An answer that comes after all applies as any later change of settings does: a second load.
client.answer(request, [{"severities": {"broken-link": "warning"}}])
assert [d["severity"] for d in client.diagnostics(SOURCE, lambda ds: ds and ds[0]["severity"] == WARNING)] == [WARNING] * 2
assert stop_counting_loads(client) == 2
print("lsp startup load: ok")
