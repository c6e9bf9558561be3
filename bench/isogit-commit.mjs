// Commits every change in a working tree with isomorphic-git, the way a JS git
// plugin does it on mobile (where no git binary exists): statusMatrix over the
// whole tree, add what changed or appeared, remove what disappeared, commit.
// usage: node bench/isogit-commit.mjs REPO_DIR
// Exits 0 after committing, 3 when there was nothing to commit.
import fs from "node:fs";
import git from "isomorphic-git";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node isogit-commit.mjs REPO_DIR");
  process.exit(2);
}

// Rows are [path, HEAD, WORKDIR, STAGE]; 1 1 1 means unchanged.
const matrix = await git.statusMatrix({ fs, dir });
const changed = matrix.filter(([, head, workdir, stage]) => !(head === 1 && workdir === 1 && stage === 1));
for (const [filepath, , workdir] of changed) {
  if (workdir === 0) await git.remove({ fs, dir, filepath });
  else await git.add({ fs, dir, filepath });
}
if (changed.length === 0) process.exit(3);
await git.commit({
  fs,
  dir,
  message: `vault backup: ${changed.length} files`,
  author: { name: "Bench", email: "bench@example.org" },
});
