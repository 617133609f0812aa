;;; eglot-check.el --- headless Eglot check for dfls  -*- lexical-binding: t -*-
;; Usage: DFLS_CMD="..." emacs --batch -Q -l eglot-check.el FILE
;; Prints one JSON object: the flymake diagnostics Eglot got from the server, and the hover at
;; HOVER_LINE (1-based) / HOVER_COL (0-based).
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa") ; Debian's elpa-* packages
(package-initialize)
(require 'eglot)
(require 'json)
(unless (fboundp 'dockerfile-mode) ; Emacs 28 has none; the mode name gives languageId "dockerfile"
  (define-derived-mode dockerfile-mode prog-mode "Dockerfile"))
(add-to-list 'auto-mode-alist '("Dockerfile\\'" . dockerfile-mode))
(add-to-list 'eglot-server-programs `(dockerfile-mode . ,(split-string (getenv "DFLS_CMD") " " t)))
(setq eglot-sync-connect 60 eglot-connect-timeout 120)

(defun check-wait (pred timeout)
  (let ((deadline (+ (float-time) timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(let ((file (expand-file-name (car command-line-args-left)))
      (timeout (string-to-number (or (getenv "CHECK_TIMEOUT") "60"))))
  (setq command-line-args-left nil)
  (find-file file)
  (apply #'eglot (eglot--guess-contact)) ; eglot-ensure needs a command loop, which --batch lacks
  (check-wait (lambda () (eglot-current-server)) timeout)
  (let ((server (eglot-current-server)))
    (unless server (princ "{\"error\":\"no eglot server\"}\n") (kill-emacs 1))
    (flymake-start)
    (check-wait (lambda () (flymake-diagnostics)) timeout)
    (let* ((diags (mapcar (lambda (d)
                            `((line . ,(line-number-at-pos (flymake-diagnostic-beg d)))
                              (type . ,(symbol-name (flymake-diagnostic-type d)))
                              (text . ,(flymake-diagnostic-text d))))
                          (flymake-diagnostics)))
           (hover (ignore-errors
                    (goto-char (point-min))
                    (forward-line (1- (string-to-number (or (getenv "HOVER_LINE") "2"))))
                    (forward-char (string-to-number (or (getenv "HOVER_COL") "1")))
                    (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))))
      (princ (concat (json-encode `((diagnostics . ,(vconcat diags))
                                    (hover . ,(and hover (plist-get (plist-get hover :contents) :value)))))
                     "\n"))
      (eglot-shutdown server)
      (kill-emacs 0))))
