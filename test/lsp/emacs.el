;;; emacs.el --- run by emacs.test.ts: `emacs --batch -l test/lsp/emacs.el`  -*- lexical-binding: t -*-
;;
;; The language server in Emacs through eglot, set up with the snippet of docs/editors.md (the
;; test writes it to TRIAL_REPORT_SNIPPET with the server command pointing at this checkout's
;; dist/cli.js). Opens the seed example in markdown-mode, lets `eglot-ensure' connect, waits for
;; the diagnostics Flymake shows, writes the TR104 ones to TRIAL_REPORT_OUT (JSON), picks the code
;; action "Replace 60% with 60.5%" the way `M-x eglot-code-actions' offers it, then runs the
;; documented fix-all. Batch Emacs has no command loop: `post-command-hook' (which eglot-ensure
;; and Flymake wait for) is run by hand, and the edit is sent as eglot's idle timer would.

;; No -Q: Debian's site-start puts its elpa-* packages (eglot, markdown-mode) on the load path.
(require 'json)
(require 'cl-lib)
(require 'markdown-mode)
(require 'eglot)
(require 'flymake)

(defvar trial-report--out nil "What the test reads back, as an alist.")

(defun trial-report--put (key value)
  (setq trial-report--out (cons (cons key value) (assq-delete-all key trial-report--out))))

(defun trial-report--tr104 ()
  "The buffer's TR104 diagnostics as Flymake holds them: 0-based lines and characters."
  (let (list)
    (dolist (d (flymake-diagnostics))
      (let ((text (flymake-diagnostic-text d)))
        (when (string-prefix-p "trial-report [TR104]: " text)
          (let* ((beg (flymake-diagnostic-beg d))
                 (end (flymake-diagnostic-end d))
                 (pos (lambda (p) (save-excursion (goto-char p) (cons (1- (line-number-at-pos p)) (- p (line-beginning-position)))))))
            (push `((line . ,(car (funcall pos beg))) (character . ,(cdr (funcall pos beg)))
                    (end_line . ,(car (funcall pos end))) (end_character . ,(cdr (funcall pos end)))
                    (message . ,(substring text (length "trial-report [TR104]: "))))
                  list)))))
    (sort list (lambda (a b) (or (< (alist-get 'line a) (alist-get 'line b))
                                 (and (= (alist-get 'line a) (alist-get 'line b))
                                      (< (alist-get 'character a) (alist-get 'character b))))))))

(defun trial-report--wait (predicate seconds)
  "Run the command loop's hooks and read the server until PREDICATE holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)) (ok nil))
    (while (and (not (setq ok (funcall predicate))) (< (float-time) deadline))
      (run-hooks 'post-command-hook)
      (accept-process-output nil 0.05))
    (and ok t)))

(defun trial-report--send-changes ()
  "Send pending edits now, as eglot's idle timer does after `eglot-send-changes-idle-time'."
  (eglot--signal-textDocument/didChange))

(condition-case err
    (let ((repo (getenv "TRIAL_REPORT_REPO")))
      ;; The documented setup, as a user puts it in their init file.
      (load (getenv "TRIAL_REPORT_SNIPPET") nil t)
      (setq eglot-confirm-server-initiated-edits nil)
      (find-file (expand-file-name "examples/il2-lupus-news.trial.md" repo))
      (trial-report--put 'mode (symbol-name major-mode))
      (run-hooks 'post-command-hook)
      (trial-report--put 'connected (trial-report--wait (lambda () (bound-and-true-p eglot--managed-mode)) 60))
      (trial-report--put 'diagnosticsArrived (trial-report--wait (lambda () (trial-report--tr104)) 60))
      (trial-report--put 'tr104 (vconcat (trial-report--tr104)))
      ;; The Results line with "60% of patients": the code actions at its 60%.
      (goto-char (point-min))
      (search-forward "60% of patients")
      (let* ((beg (match-beginning 0))
             (row (1- (line-number-at-pos beg)))
             (actions (eglot-code-actions beg (+ beg 3))))
        (trial-report--put 'row row)
        (trial-report--put 'titles (vconcat (mapcar (lambda (a) (plist-get a :title)) actions)))
        ;; As M-x eglot-code-actions offers them (typed, so a key is the last event, not a mouse
        ;; click, which would pop up a menu): the user picks the title.
        (cl-letf (((symbol-function 'completing-read) (lambda (&rest _) "Replace 60% with 60.5%")))
          (let ((last-nonmenu-event ?\r)) (eglot-code-actions beg (+ beg 3) nil t)))
        (save-excursion
          (goto-char (point-min))
          (forward-line row)
          (trial-report--put 'lineAfter (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
        (trial-report--send-changes)
        (trial-report--put 'cleared (trial-report--wait (lambda () (not (cl-find row (trial-report--tr104) :key (lambda (d) (alist-get 'line d))))) 60))
        (trial-report--put 'tr104After (vconcat (trial-report--tr104))))
      ;; The documented fix-all.
      (let ((before (buffer-string)))
        (cl-letf (((symbol-function 'completing-read) (lambda (_prompt items &rest _) (car (car items)))))
          (let ((last-nonmenu-event ?\r))
            (eval (car (read-from-string (getenv "TRIAL_REPORT_FIX_ALL"))))))
        (trial-report--put 'fixAllChanged (not (equal before (buffer-string))))
        (trial-report--put 'textAfterFixAll (buffer-substring-no-properties (point-min) (point-max))))
      ;; Nothing is saved: the test checks the file on disk is as it was.
      (set-buffer-modified-p nil))
  (error (trial-report--put 'error (error-message-string err))))

(with-temp-file (getenv "TRIAL_REPORT_OUT")
  (insert (json-encode trial-report--out)))
(kill-emacs 0)
