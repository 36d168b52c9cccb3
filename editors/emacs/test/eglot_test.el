;;; eglot_test.el --- a real Emacs with eglot against the built notes-lsp  -*- lexical-binding: t -*-

;; Loads editors/emacs/notes-lsp-eglot.el unchanged (the recipe of editors/README.md), opens a real note and goes
;; through what a user sees: diagnostics in Flymake, hover through eldoc, completion through
;; completion-at-point-functions, definition through xref.
;;
;;   NOTES_LSP_WORKSPACE=/tmp/ws PATH=/dir/of/notes-lsp:$PATH emacs -q --batch -l editors/emacs/test/eglot_test.el
;;
;; `-q', not `-Q': the site start files stay on, as in a user's Emacs (Debian's put its elpa-* packages on the
;; package path there); the test runs with HOME pointing at an empty folder, so no user init or package is read.
;;
;; The workspace holds a `.notes-lsp.json' and a copy of ../shared/corpus/notes/conda-forge-core-minutes.
;; Exits 0 when every check passed, 1 when one failed, 3 when eglot or markdown-mode is not installed.

(require 'package)
;; Packages (Debian's elpa-eglot and elpa-markdown-mode, or ones installed with M-x package-install).
(unless package--initialized (package-initialize))

(defvar notes-test-passes 0)
(defvar notes-test-failures nil)

(defun notes-test-say (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n") #'external-debugging-output))

(defun notes-test-check (name ok &optional detail)
  "Records check NAME as passed when OK, printing DETAIL."
  (if ok
      (setq notes-test-passes (1+ notes-test-passes))
    (push name notes-test-failures))
  (notes-test-say "%s %s%s" (if ok "ok  " "FAIL") name (if detail (format ": %s" detail) ""))
  ok)

(defun notes-test-wait (seconds predicate)
  "Runs the command loop's hooks and reads process output until PREDICATE is non-nil or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)) result)
    (while (and (not (setq result (funcall predicate))) (< (float-time) deadline))
      ;; What the command loop does after each command: eglot-ensure and Flymake start from post-command-hook.
      (run-hooks 'post-command-hook)
      (accept-process-output nil 0.05))
    result))

(defun notes-test-idle ()
  "What Emacs does when the user pauses typing: runs the idle timers (eglot sends its pending changes then).
Batch Emacs is never idle, so they are run here."
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer))
  (accept-process-output nil 0.1))

(defun notes-test-goto (needle)
  "Moves point to the start of the first NEEDLE in the buffer; returns point or nil."
  (goto-char (point-min))
  (when (search-forward needle nil t)
    (goto-char (match-beginning 0))))

(defun notes-test-line ()
  (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

(dolist (feature '(eglot markdown-mode))
  (unless (require feature nil t)
    (notes-test-say "MISSING %s: install it (Debian: %s; or M-x package-install RET %s)%s"
                    feature (if (eq feature 'eglot) "elpa-eglot" "elpa-markdown-mode") feature
                    (if (eq feature 'eglot) " - Emacs 29 and later have it built in" ""))
    (kill-emacs 3)))
(require 'flymake)
(require 'xref)
(require 'eldoc)

(defvar notes-test-workspace (file-name-as-directory (expand-file-name (getenv "NOTES_LSP_WORKSPACE"))))
(defvar notes-test-recipe
  (expand-file-name "../notes-lsp-eglot.el" (file-name-directory (or load-file-name buffer-file-name))))

(defun notes-test-main ()
  (notes-test-check "notes-lsp is on PATH" (executable-find "notes-lsp") (executable-find "notes-lsp"))
  (notes-test-check "NOTES_LSP_WORKSPACE has .notes-lsp.json"
                    (file-exists-p (expand-file-name ".notes-lsp.json" notes-test-workspace)) notes-test-workspace)
  (load notes-test-recipe nil t)
  (notes-test-say "Emacs %s, eglot %s" emacs-version
                  (or (ignore-errors (package-desc-version (cadr (assq 'eglot package-alist)))) "built in"))

  ;; Open a real note: markdown-mode, then eglot-ensure from its hook.
  (let* ((note (expand-file-name "conda-forge-core-minutes/2024-06-12.md" notes-test-workspace))
         (buffer (find-file note))
         server)
    (set-buffer buffer)
    (notes-test-check "the note opens in markdown-mode" (derived-mode-p 'markdown-mode) major-mode)
    (setq server (notes-test-wait 30 (lambda () (and eglot--managed-mode (eglot-current-server)))))
    (unless (notes-test-check "eglot starts notes-lsp for the note" server)
      (error "eglot did not connect"))
    (notes-test-check "the workspace root is the folder with .notes-lsp.json"
                      (equal (file-name-as-directory (expand-file-name (project-root (eglot--project server))))
                             notes-test-workspace)
                      (project-root (eglot--project server)))
    (notes-test-check "the server is notes-lsp" (equal (plist-get (eglot--server-info server) :name) "notes-lsp")
                      (eglot--server-info server))

    ;; Diagnostics through Flymake.
    (let ((people-line (progn (notes-test-goto "X people total") (line-number-at-pos)))
          (diagnostics (notes-test-wait 30 (lambda () (flymake-diagnostics)))))
      (notes-test-check "Flymake shows the server's diagnostics" diagnostics (length diagnostics))
      (notes-test-check "attendees.count-placeholder on the \"X people total\" line"
                        (cl-some (lambda (d)
                                   (and (string-match-p "\\[attendees.count-placeholder\\]" (flymake-diagnostic-text d))
                                        (= (line-number-at-pos (flymake-diagnostic-beg d)) people-line)))
                                 diagnostics)
                        (mapconcat #'flymake-diagnostic-text (seq-take diagnostics 2) " | ")))

    ;; Hover through eldoc, on initials after `Rodríguez'.
    (let (docs)
      (notes-test-goto "Rodríguez-Guerra")
      (search-forward "JRG")
      (goto-char (match-beginning 0))
      (add-hook 'eldoc-display-functions (lambda (documentation &rest _) (setq docs documentation)) nil t)
      (eldoc-print-current-symbol-info t)
      (notes-test-wait 15 (lambda () docs))
      (let ((text (mapconcat (lambda (doc) (format "%s" (car doc))) docs "\n")))
        (notes-test-check "eldoc shows the person card on JRG"
                          (and (string-match-p "Rodríguez" text) (string-match-p "jaimergp" text))
                          (substring text 0 (min 120 (length text))))))

    ;; Completion through completion-at-point-functions, after `(' in a new item.
    (notes-test-goto "- [x] Introductions")
    (insert "- [ ] (\n")
    (forward-line -1)
    (end-of-line)
    (let* ((capf (run-hook-with-args-until-success 'completion-at-point-functions))
           (table (nth 2 capf))
           (candidates (and table (all-completions "" table))))
      (notes-test-check "completion-at-point offers the attendees' initials after ("
                        (and (= (nth 0 capf) (point)) (member "JRG" candidates))
                        (format "%d candidates: %s" (length candidates)
                                (mapconcat #'identity (seq-take candidates 8) " "))))
    ;; With a typed prefix: only the initials it matches.
    (insert "WV")
    (let* ((capf (run-hook-with-args-until-success 'completion-at-point-functions))
           (candidates (and capf (all-completions "WV" (nth 2 capf)))))
      (notes-test-check "completion-at-point narrows to WV for the prefix WV" (equal candidates '("WV"))
                        candidates))
    (delete-region (line-beginning-position) (1+ (line-end-position)))
    (notes-test-idle)

    ;; Definition through xref: (WV) → the attendee row of this note.
    (notes-test-goto "- [ ] (WV) reproducible builds")
    (search-forward "(WV")
    (backward-char 2)
    (call-interactively #'xref-find-definitions)
    (notes-test-check "xref-find-definitions on (WV) goes to the attendee row"
                      (and (equal (buffer-file-name) note) (string-match-p "Wolf Vollprecht" (notes-test-line)))
                      (notes-test-line))

    ;; Definition through xref: a previous-meeting link → the previous note of the series.
    (find-file (expand-file-name "conda-forge-core-minutes/2024-03-20.md" notes-test-workspace))
    (notes-test-wait 15 (lambda () eglot--managed-mode))
    (notes-test-goto "[Last week's meeting]")
    (forward-char 2)
    (call-interactively #'xref-find-definitions)
    (notes-test-check "xref-find-definitions on [Last week's meeting] opens 2024-03-06.md"
                      (equal (file-name-nondirectory (or (buffer-file-name) "")) "2024-03-06.md")
                      (buffer-file-name))

    ;; The server wrote nothing on stderr (eglot shows it in the *EGLOT … stderr* buffer).
    (let ((stderr (with-current-buffer (jsonrpc-stderr-buffer server) (buffer-string))))
      (notes-test-check "the server wrote nothing to stderr" (string-empty-p (string-trim stderr))
                        (substring stderr 0 (min 200 (length stderr)))))
    (eglot-shutdown server)))

(condition-case err
    (notes-test-main)
  (error (notes-test-check "the test script ran to the end" nil (error-message-string err))))
(notes-test-say "notes-lsp eglot test: %d passed, %d failed%s" notes-test-passes (length notes-test-failures)
                (if notes-test-failures (format " [%s]" (string-join (reverse notes-test-failures) ", ")) ""))
(kill-emacs (if notes-test-failures 1 0))
