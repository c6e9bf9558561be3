"""The machinery of bench/run: timing processes, generating vaults, comparing
link findings, reporting. The measurements themselves live in bench/run."""
