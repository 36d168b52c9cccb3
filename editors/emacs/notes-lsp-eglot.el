;;; notes-lsp-eglot.el --- notes-lsp in Emacs through eglot  -*- lexical-binding: t -*-

;; eglot is built in from Emacs 29; on Emacs 28 install it (M-x package-install RET eglot, or Debian's elpa-eglot).
;; markdown-mode is not built in: M-x package-install RET markdown-mode (NonGNU ELPA), or Debian's elpa-markdown-mode.

;; The workspace root eglot gives the server is the project of the note: the nearest folder above it holding
;; .notes-lsp.json, else the version-control root project.el finds (.git), else the note's own folder.
(defun notes-lsp-project (dir)
  "The folder above DIR holding .notes-lsp.json, as a project."
  (let ((root (locate-dominating-file dir ".notes-lsp.json")))
    (and root (cons 'transient (expand-file-name root)))))
(add-hook 'project-find-functions #'notes-lsp-project)

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '((markdown-mode gfm-mode) . ("notes-lsp"))))
(add-hook 'markdown-mode-hook #'eglot-ensure)
