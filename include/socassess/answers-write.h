/*
 * Building and writing answers files: a blank struct answers for a
 * questionnaire and profile, answers added or changed one at a time (the
 * interview does this), and the YAML text of it all, written atomically.
 * What is written loads back, through answers_load, to the same answers.
 */
#ifndef SOCASSESS_ANSWERS_WRITE_H
#define SOCASSESS_ANSWERS_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "socassess/answers.h"
#include "socassess/error.h"

/*
 * A new answers struct for questionnaire q (borrowed: it must outlive the
 * result) and profile pi, with no answers, no overrides and the metadata
 * naming q and its profile only. path (copied) is the file it belongs to.
 * Owned by the caller: free with answers_free.
 */
struct answers *answers_new(const struct questionnaire *q, size_t pi,
    const char *path);

/*
 * The answer to question qi, added (unanswered, no comment) when there is
 * none yet. The pointer is valid until the next call that adds one.
 */
struct answer *answers_edit(struct answers *a, size_t qi);

/*
 * What an answer was before a change, so that a caller can say "changed
 * from 2 to 3". na_reason is the reason the change removed (owned: free
 * it with answer_prior_release), NULL when there was none.
 */
struct answer_prior {
	bool has_value;
	double value;
	bool na;
	char *na_reason;
};

/*
 * Answer question qi with value, which must be one of its options: the
 * answer stops being N/A and loses its N/A reason (into *was). Comment,
 * evidence and assessor stay. *was (may be NULL) gets the state before.
 * -1, nothing changed, when value is not an option.
 */
int answer_set_value(struct answers *a, size_t qi, double value,
    struct answer_prior *was);

/*
 * Mark question qi N/A for reason (copied): its value goes, its comment
 * stays. A blank reason keeps the reason the answer already has. -1,
 * nothing changed, when there is then no reason or it is not UTF-8.
 */
int answer_set_na(struct answers *a, size_t qi, const char *reason,
    struct answer_prior *was);

/*
 * Make question qi unanswered again (no value, not N/A); its comment,
 * evidence and assessor stay. *was (may be NULL) gets the state before.
 */
void answer_clear(struct answers *a, size_t qi, struct answer_prior *was);

/* Free what *was owns. */
void answer_prior_release(struct answer_prior *was);

/*
 * Add text as a new last line of question qi's comment; what was there
 * stays. -1, nothing changed, when text is blank or not valid UTF-8.
 */
int answer_append_comment(struct answers *a, size_t qi, const char *text);

/* Remove question qi's comment: the only way a comment is ever lost. */
void answer_delete_comment(struct answers *a, size_t qi);

/* Set or clear (NULL) a string field, copying s. */
void answers_set_string(char **field, const char *s);

/* Append a copy of item to an answer's evidence. */
void answer_add_evidence(struct answer *an, const char *item);
/* Remove every evidence item of an answer. */
void answer_clear_evidence(struct answer *an);

/*
 * Write a as YAML to fp: metadata, importance and target overrides, then
 * the answers in questionnaire order. Every string is double-quoted with
 * escapes and numbers are written in the C locale. -1 on a write error.
 */
int answers_write_yaml(const struct answers *a, FILE *fp);

/*
 * Write a as a blank file to fill in: the same YAML, with every metadata
 * field (an empty one as "" with a comment naming its form), the form of
 * the overrides as a comment, and each answer with an empty "value:"
 * and "comment:", which load as unanswered. describe (may be NULL)
 * writes comment lines above the answer to question qi. -1 on a write
 * error.
 */
int answers_write_template(const struct answers *a, FILE *fp,
    void (*describe)(FILE *fp, const struct answers *a, size_t qi));

/*
 * "INDENTkey: "s"\n" with s double-quoted and escaped as in answers
 * files, so that no text reads back as anything else; nothing when s is
 * NULL. For the other YAML files socassess writes (the action plan).
 */
void yaml_put_field(FILE *fp, const char *indent, const char *key,
    const char *s);
/* The same YAML text as a string owned by the caller. */
char *answers_yaml_text(const struct answers *a);

/*
 * Replace the file at path with the YAML of a, atomically (temporary
 * file, fsync, rename, fsync of the folder). -1 with an error added.
 */
int answers_save(const struct answers *a, const char *path,
    struct soc_errors *errs);

#endif
