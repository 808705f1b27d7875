/*
 * fuzz_like.c -- IAM StringLike matching (sv_like) against a slow reference.
 *
 * Input: flags byte, then pattern and value separated by the first NUL.
 * The reference splits both into characters (UTF-8 sequences, or single
 * bytes where the text is not UTF-8, exactly as sv_like steps) and fills
 * the classic dynamic-programming table: '*' any run of characters, '?'
 * one character, others equal (ASCII case folded when asked). When both
 * strings are valid UTF-8 the two must agree; otherwise sv_like only has
 * to stay inside its inputs.
 */
#include "fuzz.h"

#define MAXC 96

static size_t u8len(const unsigned char *p, size_t n)
{
	size_t l = p[0] < 0x80 ? 1 : p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
	return l <= n ? l : 1;
}

static int valid_utf8(const unsigned char *p, size_t n)
{
	size_t i = 0, l, k;
	unsigned long c;
	while (i < n) {
		if (p[i] < 0x80) { i++; continue; }
		if (p[i] >= 0xC2 && p[i] <= 0xDF) { l = 2; c = p[i] & 0x1Fu; }
		else if (p[i] >= 0xE0 && p[i] <= 0xEF) { l = 3; c = p[i] & 0x0Fu; }
		else if (p[i] >= 0xF0 && p[i] <= 0xF4) { l = 4; c = p[i] & 0x07u; }
		else return 0;
		if (i + l > n) return 0;
		for (k = 1; k < l; k++) {
			if ((p[i + k] & 0xC0) != 0x80) return 0;
			c = c << 6 | (p[i + k] & 0x3Fu);
		}
		if ((l == 3 && c < 0x800) || (l == 4 && c < 0x10000) || c > 0x10FFFF ||
		    (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		i += l;
	}
	return 1;
}

typedef struct ch {
	const unsigned char *p;
	size_t n;
} ch;

static size_t split(const unsigned char *p, size_t n, ch *out)
{
	size_t i = 0, k = 0;
	while (i < n && k < MAXC) {
		out[k].p = p + i;
		out[k].n = u8len(p + i, n - i);
		i += out[k++].n;
	}
	return i == n ? k : (size_t)-1;
}

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int ch_eq(ch a, ch b, int nocase)
{
	size_t i;
	if (a.n != b.n)
		return 0;
	for (i = 0; i < a.n; i++)
		if ((nocase ? fold(a.p[i]) != fold(b.p[i]) : a.p[i] != b.p[i]))
			return 0;
	return 1;
}

static int reference(const ch *pc, size_t np, const ch *vc, size_t nv, int nocase)
{
	/* m[i][j]: pattern chars [i..] match value chars [j..] */
	static unsigned char m[MAXC + 1][MAXC + 1];
	size_t i, j;
	for (i = np + 1; i-- > 0;) {
		for (j = nv + 1; j-- > 0;) {
			if (i == np) {
				m[i][j] = j == nv;
			} else if (pc[i].n == 1 && pc[i].p[0] == '*') {
				m[i][j] = m[i + 1][j] || (j < nv && m[i][j + 1]);
			} else if (j == nv) {
				m[i][j] = 0;
			} else if (pc[i].n == 1 && pc[i].p[0] == '?') {
				m[i][j] = m[i + 1][j + 1];
			} else {
				m[i][j] = ch_eq(pc[i], vc[j], nocase) && m[i + 1][j + 1];
			}
		}
	}
	return m[0][0];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char *sep;
	sv_sv pat, val;
	ch pc[MAXC], vc[MAXC];
	size_t np, nv;
	int nocase, got;

	if (size < 1)
		return 0;
	nocase = data[0] & 1;
	data++;
	size--;
	sep = memchr(data, 0, size);
	pat.p = (const char *)data;
	pat.n = sep ? (size_t)(sep - data) : size;
	val.p = sep ? (const char *)sep + 1 : (const char *)data + size;
	val.n = sep ? size - pat.n - 1 : 0;

	got = sv_like(pat, val, nocase);
	FZ_CHECK(got == 0 || got == 1, "sv_like returned %d", got);
	if (!valid_utf8((const unsigned char *)pat.p, pat.n) ||
	    !valid_utf8((const unsigned char *)val.p, val.n))
		return 0;
	np = split((const unsigned char *)pat.p, pat.n, pc);
	nv = split((const unsigned char *)val.p, val.n, vc);
	if (np == (size_t)-1 || nv == (size_t)-1)
		return 0;                /* longer than the reference table */
	FZ_CHECK(got == reference(pc, np, vc, nv, nocase), "sv_like(\"%.*s\", \"%.*s\", %d) = %d",
	         (int)pat.n, pat.p, (int)val.n, val.p, nocase, got);
	return 0;
}
