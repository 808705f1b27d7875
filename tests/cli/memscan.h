/*
 * memscan.h -- is a secret still in the program's static memory?
 *
 * The writable mappings of the executable and the anonymous mapping right
 * after them up to _end (.bss), found through /proc/self/maps (glibc, musl and
 * qemu-user all provide it), are searched for a byte string; up to two
 * ranges (a test's own capture buffers) are left out. Under ASan the scan
 * reads the redzones between globals too, so it is not instrumented and
 * does not go through the memmem interceptor. Include after <string.h>,
 * <stdio.h> and <unistd.h>, with _GNU_SOURCE (memmem) and
 * _POSIX_C_SOURCE >= 200112 (readlink).
 */
#ifndef SV_TEST_MEMSCAN_H
#define SV_TEST_MEMSCAN_H

#include <stdint.h>

#if defined(__SANITIZE_ADDRESS__)
#define MS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MS_ASAN 1
#endif
#endif
#if defined(__clang__) || defined(__GNUC__)
#define MS_NO_ASAN __attribute__((no_sanitize_address))
#else
#define MS_NO_ASAN
#endif

typedef struct ms_span {
	const unsigned char *p, *end;
} ms_span;

/* the end of .bss (GNU ld's linker scripts define it for glibc and musl alike) */
extern char _end[];

static ms_span ms_spans[8];
static size_t ms_nspans;
static const char *ms_skip[2][2];   /* [range][begin, end) the scan leaves out */

/* Finds the static data; 0 when /proc/self/maps is not there (then nothing is ever found). */
static inline size_t ms_init(void)
{
	char exe[512], line[1024];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	FILE *f = fopen("/proc/self/maps", "r");
	uintptr_t prev_end = 0;
	int prev_exe_rw = 0;
	ms_nspans = 0;
	if (n <= 0 || !f) {
		if (f)
			fclose(f);
		return 0;
	}
	exe[n] = '\0';
	while (fgets(line, sizeof line, f) && ms_nspans < sizeof ms_spans / sizeof ms_spans[0]) {
		unsigned long lo, hi;
		char perms[8], path[512] = "";
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %511s", &lo, &hi, perms, path) < 3)
			continue;
		if (perms[1] == 'w' && strcmp(path, exe) == 0) {
			ms_spans[ms_nspans].p = (const unsigned char *)lo;
			ms_spans[ms_nspans++].end = (const unsigned char *)hi;
			prev_exe_rw = 1;
		} else if (prev_exe_rw && perms[1] == 'w' && path[0] == '\0' && lo == prev_end &&
		           lo < (uintptr_t)_end) {
			/* the rest of .bss; a static binary's brk heap may follow with no gap: stop at _end */
			ms_spans[ms_nspans].p = (const unsigned char *)lo;
			ms_spans[ms_nspans++].end = (const unsigned char *)(hi < (uintptr_t)_end ? hi : (uintptr_t)_end);
			prev_exe_rw = 0;
		} else {
			prev_exe_rw = 0;
		}
		prev_end = hi;
	}
	fclose(f);
	return ms_nspans;
}

static inline void ms_leave_out(int i, const void *p, size_t n)
{
	ms_skip[i][0] = (const char *)p;
	ms_skip[i][1] = (const char *)p + n;
}

MS_NO_ASAN static inline int ms_in_span(const ms_span *sp, const unsigned char *nd, size_t m)
{
	const unsigned char *p = sp->p, *end = sp->end;
	size_t k, i;
	for (; p + m <= end; p++) {
#ifndef MS_ASAN
		/* no redzones without ASan: let libc find the candidates */
		p = memmem(p, (size_t)(end - p), nd, m);
		if (!p)
			return 0;
#else
		if (*p != nd[0])
			continue;
#endif
		for (k = 1; k < m && p[k] == nd[k]; k++)
			;
		if (k < m)
			continue;
		for (i = 0; i < 2; i++)
			if (ms_skip[i][0] && (const char *)p >= ms_skip[i][0] && (const char *)p < ms_skip[i][1])
				break;
		if (i == 2)
			return 1;
	}
	return 0;
}

/* 1 when the m bytes at needle are somewhere in static memory outside the left-out ranges */
static inline int ms_resident(const void *needle, size_t m)
{
	size_t i;
	if (m == 0)
		return 0;
	for (i = 0; i < ms_nspans; i++)
		if (ms_in_span(&ms_spans[i], needle, m))
			return 1;
	return 0;
}

#endif
