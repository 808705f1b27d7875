/* sv_str.c -- string views and IAM wildcard matching. */
#include "sv_internal.h"

/* see sv.h */
sv_sv sv_from_cstr(const char *s)
{
	sv_sv v;
	v.p = s;
	v.n = s ? strlen(s) : 0;
	return v;
}

int sv_eq(sv_sv a, sv_sv b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

static unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

int sv_eq_nocase(sv_sv a, sv_sv b)
{
	size_t i;
	if (a.n != b.n)
		return 0;
	for (i = 0; i < a.n; i++)
		if (lower((unsigned char)a.p[i]) != lower((unsigned char)b.p[i]))
			return 0;
	return 1;
}

int sv_has_prefix(sv_sv s, sv_sv prefix)
{
	return s.n >= prefix.n && (prefix.n == 0 || memcmp(s.p, prefix.p, prefix.n) == 0);
}

int sv_has_suffix(sv_sv s, sv_sv suffix)
{
	return s.n >= suffix.n &&
	       (suffix.n == 0 || memcmp(s.p + s.n - suffix.n, suffix.p, suffix.n) == 0);
}

sv_sv sv_slice(sv_sv s, size_t from, size_t to)
{
	sv_sv r;
	if (to > s.n)
		to = s.n;
	if (from > to)
		from = to;
	r.p = s.p + from;
	r.n = to - from;
	return r;
}

size_t sv_find(sv_sv s, char c, size_t from)
{
	size_t i;
	for (i = from; i < s.n; i++)
		if (s.p[i] == c)
			return i;
	return (size_t)-1;
}

/* Length of the UTF-8 sequence starting at p (1 for invalid bytes). */
static size_t u8len(const char *p, size_t n)
{
	unsigned char c = (unsigned char)p[0];
	size_t l = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	return l <= n ? l : 1;
}

/*
 * Iterative wildcard match with single-star backtracking: linear in
 * practice and never recursive, so hostile patterns cannot blow the stack.
 */
int sv_like(sv_sv pat, sv_sv val, int nocase)
{
	size_t pi = 0, vi = 0, star = (size_t)-1, mark = 0;

	while (vi < val.n) {
		if (pi < pat.n && pat.p[pi] == '*') {
			star = ++pi;
			mark = vi;
		} else if (pi < pat.n && pat.p[pi] == '?') {
			pi++;
			vi += u8len(val.p + vi, val.n - vi);
		} else if (pi < pat.n &&
		           (nocase ? lower((unsigned char)pat.p[pi]) == lower((unsigned char)val.p[vi])
		                   : pat.p[pi] == val.p[vi])) {
			pi++;
			vi++;
		} else if (star != (size_t)-1) {
			pi = star;
			mark += u8len(val.p + mark, val.n - mark);
			vi = mark;
		} else {
			return 0;
		}
	}
	while (pi < pat.n && pat.p[pi] == '*')
		pi++;
	return pi == pat.n;
}

int sv_ct_eq(const unsigned char *a, const unsigned char *b, size_t n)
{
	unsigned char d = 0;
	size_t i;
	for (i = 0; i < n; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

/*
 * memset is fast, but a memset of memory that is not read afterwards is a
 * dead store the compiler may drop. With GNU C an empty asm that takes the
 * pointer and clobbers memory tells it the bytes are read after all; other
 * compilers call memset through a volatile function pointer, whose value
 * they cannot know, so they cannot see (and remove) the call.
 */
#if defined(__GNUC__) || defined(__clang__)
void sv_wipe(void *p, size_t n)
{
	if (n == 0)
		return;
	memset(p, 0, n);
	__asm__ __volatile__("" : : "r"(p) : "memory");
}
#else
static void *(*const volatile sv_memset_v)(void *, int, size_t) = memset;

void sv_wipe(void *p, size_t n)
{
	if (n)
		sv_memset_v(p, 0, n);
}
#endif

/*
 * Runs of sv_wipe_sparse: SV_WIPE_RUN bytes on an address grid of the same
 * step, so a run never crosses a page (every MMU page is a multiple of
 * 4 KiB). A run that is not all zero lies in a page something wrote, which
 * is resident already: writing the rest of it costs no RSS, so a longer run
 * costs nothing there and scans with fewer branches. 1 KiB: a used page with
 * a little data costs a memset of 1 KiB, not 4. (A static check, 245 KiB
 * workspace: 75k instructions with 256-byte runs, 62k with 1 KiB, 59k with
 * 4 KiB; the same VmHWM with each.) A run stops being read at its first
 * non-zero chunk.
 */
#define SV_WIPE_RUN 1024u
#define SV_WIPE_CHUNK 64u   /* bytes tested at once, 8 words */

/*
 * Is the chunk at b (SV_WIPE_CHUNK bytes) all zero? Word loads through
 * memcpy (no aliasing UB; compilers make them plain loads), ORed as a tree
 * so the loads do not wait on each other, one branch per chunk.
 */
static int chunk_zero(const unsigned char *b)
{
	uint64_t w0, w1, w2, w3, w4, w5, w6, w7;
	memcpy(&w0, b, 8);
	memcpy(&w1, b + 8, 8);
	memcpy(&w2, b + 16, 8);
	memcpy(&w3, b + 24, 8);
	memcpy(&w4, b + 32, 8);
	memcpy(&w5, b + 40, 8);
	memcpy(&w6, b + 48, 8);
	memcpy(&w7, b + 56, 8);
	return (((w0 | w1) | (w2 | w3)) | ((w4 | w5) | (w6 | w7))) == 0;
}

static int run_zero(const unsigned char *b, size_t k)
{
	size_t i = 0;
	unsigned char acc = 0;
	for (; i + SV_WIPE_CHUNK <= k; i += SV_WIPE_CHUNK)
		if (!chunk_zero(b + i))
			return 0;
	for (; i < k; i++)
		acc |= b[i];
	return acc == 0;
}

/*
 * sv_wipe for large zero-initialised storage (a static workspace): run by
 * run, skipping runs that are zero already. The never-used tail of a
 * workspace is still the kernel's shared zero page, and writing zeros
 * there would make it resident (a whole-workspace wipe cost a static
 * `check` 200+ KiB of RSS). It reads the bytes first, so it is not for
 * stack buffers that were only partly written (sv_wipe is).
 */
void sv_wipe_sparse(void *p, size_t n)
{
	unsigned char *b = (unsigned char *)p;
	while (n > 0) {
		/* up to the next multiple of SV_WIPE_RUN in the address space */
		size_t k = SV_WIPE_RUN - (size_t)((uintptr_t)b % SV_WIPE_RUN);
		if (k > n)
			k = n;
		if (!run_zero(b, k))
			sv_wipe(b, k);
		b += k;
		n -= k;
	}
}

const char *sv_strerror(int rc)
{
	switch (rc) {
	case SV_OK:        return "ok";
	case SV_E_PARAM:   return "bad parameter";
	case SV_E_LIMIT:   return "over a compile-time limit";
	case SV_E_JSON:    return "invalid JSON";
	case SV_E_B64:     return "invalid base64";
	case SV_E_IO:      return "I/O error";
	case SV_E_NOENT:   return "no such file or directory";
	case SV_E_ACCES:   return "permission denied";
	case SV_E_FORMAT:  return "unexpected format";
	case SV_E_CRYPTO:  return "cryptographic input refused";
	case SV_E_ISDIR:   return "is a directory";
	case SV_E_TIMEOUT: return "timed out";
	case SV_E_NET:     return "network error";
	default:           return "unknown error";
	}
}
