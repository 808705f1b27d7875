/*
 * replay.c -- runs a fuzz harness as a regular test, without libFuzzer.
 *
 * Built with the normal compiler and flags and linked with one
 * tests/fuzz/fuzz_<name>.c (FZ_NAME is "<name>"). With no arguments it
 * feeds the harness every file of fixtures/fuzz/<name>/ (the seed corpus,
 * which must not be empty) and of fixtures/fuzz/crashes/<name>/ (inputs
 * that once found a bug), in name order; with arguments, those files or
 * directories instead (Mbed TLS's onefile.c, for reproducing a crash).
 * Each input is copied into a buffer of exactly its size, so an overread
 * is visible to ASan and valgrind here too. A harness reports a broken
 * invariant by aborting, which fails the test.
 */
#include <dirent.h>
#include <sys/stat.h>

#include "fuzz.h"

#ifndef FZ_NAME
#error "build with -DFZ_NAME='\"<target>\"'"
#endif

#if defined(__GNUC__)
/* harnesses that need set-up define it; the weak default says "none" */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}
#endif

static size_t nfiles;

static int run_file(const char *path)
{
	size_t len = 0;
	unsigned char *buf = fz_read_file(path, &len), *exact;
	if (!buf) {
		fprintf(stderr, "replay %s: cannot read %s\n", FZ_NAME, path);
		return -1;
	}
	exact = malloc(len ? len : 1);
	if (!exact) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, len);
	free(buf);
	if (getenv("FZ_VERBOSE"))
		fprintf(stderr, "replay %s: %s (%zu bytes)\n", FZ_NAME, path, len);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	nfiles++;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, sorted; missing is -1 when required, else 0. */
static int run_dir(const char *dir, int required)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i, before = nfiles;
	int rc = 0;

	if (!d) {
		if (required)
			fprintf(stderr, "replay %s: no corpus directory %s\n", FZ_NAME, dir);
		return required ? -1 : 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "README.md") == 0)
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
			if (!nn) {
				rc = -1;
				break;
			}
			names = nn;
		}
		names[n] = malloc(strlen(dir) + strlen(de->d_name) + 2);
		if (!names[n]) {
			rc = -1;
			break;
		}
		sprintf(names[n], "%s/%s", dir, de->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		struct stat st;
		if (rc == 0 && stat(names[i], &st) == 0 && S_ISREG(st.st_mode) && run_file(names[i]))
			rc = -1;
		free(names[i]);
	}
	free(names);
	if (rc == 0 && required && nfiles == before) {
		fprintf(stderr, "replay %s: corpus directory %s is empty\n", FZ_NAME, dir);
		rc = -1;
	}
	return rc;
}

int main(int argc, char **argv)
{
	int i, rc = 0;
	size_t crashes;

	LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		for (i = 1; i < argc && rc == 0; i++) {
			struct stat st;
			if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
				rc = run_dir(argv[i], 1);
			else
				rc = run_file(argv[i]);
		}
		printf("replay %s: %zu input(s) %s\n", FZ_NAME, nfiles, rc ? "FAILED" : "ok");
		return rc ? 1 : 0;
	}
	rc = run_dir("fixtures/fuzz/" FZ_NAME, 1);
	crashes = nfiles;
	if (rc == 0)
		rc = run_dir("fixtures/fuzz/crashes/" FZ_NAME, 0);
	printf("replay %s: %zu seed(s) and %zu past crash(es) %s\n", FZ_NAME, crashes,
	       nfiles - crashes, rc ? "FAILED" : "ok");
	return rc ? 1 : 0;
}
