/*
 * fuzz.h -- shared by the libFuzzer harnesses in tests/fuzz/.
 *
 * Every harness defines LLVMFuzzerTestOneInput and is built twice: with
 * clang -fsanitize=fuzzer,address,undefined by `make fuzz` (libFuzzer
 * supplies main), and with the normal compiler and flags, linked with
 * replay.c, as a regular test that feeds it every seed and every past
 * crash (`make check-test`).
 *
 * A harness checks invariants, not only "no crash": FZ_CHECK aborts with a
 * message, which libFuzzer reports as a crash and the replayer as a failure.
 * Tests may use stdio and abort; the core under test may not.
 */
#ifndef SV_FUZZ_H
#define SV_FUZZ_H

/* the Makefile builds harnesses with -D_GNU_SOURCE (memmem, dirent) */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sv_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FZ_CHECK(cond, ...)                                                        \
	do {                                                                       \
		if (!(cond)) {                                                     \
			fprintf(stderr, "%s:%d: invariant failed: %s: ", __FILE__,  \
			        __LINE__, #cond);                                  \
			fprintf(stderr, __VA_ARGS__);                              \
			fputc('\n', stderr);                                       \
			abort();                                                   \
		}                                                                  \
	} while (0)

/* 1 when the view [v.p, v.p + v.n) lies inside [base, base + len) (or is empty). */
static inline int fz_inside(sv_sv v, const void *base, size_t len)
{
	const char *b = (const char *)base;
	if (v.n == 0)
		return 1;          /* an empty view reads nothing, wherever it points ("" literals) */
	if (v.p == NULL)
		return 0;
	/* compare as integers: pointers into different objects are not ordered in C */
	return (uintptr_t)v.p >= (uintptr_t)b && (uintptr_t)v.p <= (uintptr_t)b + len &&
	       v.n <= (uintptr_t)b + len - (uintptr_t)v.p;
}

/* Every token of a parsed document lies inside its text, nested properly. */
static inline void fz_check_json(const sv_json *d)
{
	int i;
	FZ_CHECK(d->ntok >= 1, "a successful parse has tokens (%d)", d->ntok);
	for (i = 0; i < d->ntok; i++) {
		const jsmntok_t *t = &d->tok[i];
		FZ_CHECK(t->start >= 0 && t->end >= t->start && (size_t)t->end <= d->len,
		         "token %d [%d,%d) outside the %zu-byte text", i, t->start, t->end, d->len);
		FZ_CHECK(t->size >= 0, "token %d has size %d", i, t->size);
	}
	FZ_CHECK(sv_json_next(d, 0) == d->ntok, "the root subtree spans every token");
}

/*
 * 1 when the first 16 bytes of secret appear in text, and not because the
 * attacker-controlled context (decoded header and payload, the rest of the
 * token) already held them: then a report legitimately quotes them.
 */
static inline int fz_leaks(const char *text, sv_sv secret, const sv_sv *ctx, size_t nctx)
{
	size_t i;
	if (secret.n < 16 || !memmem(text, strlen(text), secret.p, 16))
		return 0;
	for (i = 0; i < nctx; i++)
		if (ctx[i].p && memmem(ctx[i].p, ctx[i].n, secret.p, 16))
			return 0;
	return 1;
}

/* Reads a whole file (harness set-up only; tests may allocate). */
static inline unsigned char *fz_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = 0;
		*len = (size_t)n;
	}
	return buf;
}

#endif
