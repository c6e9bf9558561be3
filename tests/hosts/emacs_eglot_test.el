;;; emacs_eglot_test.el --- eglot runs `vaultlink lsp` -*- lexical-binding: t -*-
;; Opens a note with a broken link through eglot and waits for Flymake to
;; show the diagnostic with its code, at the severity eglot's workspace
;; configuration gives it (the server pulls it with workspace/configuration;
;; it overrides the vault's settings file), the vault having been loaded once
;; (the server waits for eglot's answer before it loads the vault, and logs
;; each load). Any failure exits Emacs with status 1.
(require 'package)
(package-initialize)
(require 'eglot)
(require 'flymake)

(defun vaultlink-test-fail (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(condition-case err
    (let* ((vault (file-name-as-directory (getenv "VAULTLINK_TEST_VAULT")))
           (server (getenv "VAULTLINK"))
           (found nil))
      (setq-default eglot-workspace-configuration '(:vaultlink (:severities (:broken-link "error"))))
      (find-file (expand-file-name "Gamma.md" vault))
      (text-mode)
      (eglot '(text-mode) (cons 'transient vault) 'eglot-lsp-server (list server "lsp") "markdown")
      (dotimes (_ 100)
        (unless found
          (accept-process-output nil 0.1)
          (flymake-start)
          (setq found (seq-find (lambda (diagnostic)
                                  (and (eq (flymake-diagnostic-type diagnostic) 'eglot-error)
                                       (string-match-p "\\[broken-link\\].*Nowhere at all"
                                                       (flymake-diagnostic-text diagnostic))))
                                (flymake-diagnostics)))))
      (unless found
        (vaultlink-test-fail "no broken-link error in Flymake: %S"
                             (mapcar (lambda (d) (cons (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
                                     (flymake-diagnostics))))
      (princ (format "eglot: %s\n" (flymake-diagnostic-text found)))
      (let ((loads (with-current-buffer (jsonrpc-events-buffer (eglot-current-server))
                     (count-matches "vaultlink: loaded " (point-min) (point-max)))))
        (unless (= loads 1)
          (vaultlink-test-fail "the vault was loaded %d times, not once" loads)))
      (eglot-shutdown (eglot-current-server))
      (kill-emacs 0))
  (error (vaultlink-test-fail "error: %S" err)))
