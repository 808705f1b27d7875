#define _POSIX_C_SOURCE 200809L
/*
 * test_deploy.c -- what runs next to the pod, checked without a cluster.
 *
 * 1. deploy/collect.sh, for every scenario in tests/deploy/scenarios, with
 *    fake kubectl/oc/aws (tests/deploy/bin/) replaying outputs the real CLIs
 *    printed (tests/deploy/recorded/): exact exit status, stdout, stderr,
 *    command log, bundle files (names and bytes) and their modes; and no
 *    command that writes, to the cluster or to AWS. Each scenario runs
 *    twice, without jq and with jq when it is installed: same results.
 * 2. tests/deploy/check_manifests.py over deploy/{kubernetes,openshift}
 *    (all pass) and over tests/deploy/bad/ (every planted mistake named):
 *    exact output.
 * 3. tests/deploy/check_containerfiles.py over deploy/Containerfile* (all
 *    pass) and over tests/deploy/bad/containerfiles/: exact output. No
 *    container engine runs here, so this is what can be checked unbuilt.
 * 4. the kubectl debug recipe of docs/in-cluster.md, run as written with the
 *    real kubectl against a fake API server (record/check-debug-recipe.sh),
 *    when kubectl and python3-cryptography are installed.
 *
 * Expected results are in tests/deploy/expected/. SV_BLESS=1 rewrites them
 * from this run instead of comparing (then review `git diff`).
 * Runs from the top of the checkout, like every test here.
 */
#include "helpers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define EXP "tests/deploy/expected"

static char top[PATH_MAX];
static int bless;

/* snprintf that fails the test instead of truncating. */
static void fmt(char *buf, size_t cap, const char *f, ...)
{
	va_list ap;
	int n;
	va_start(ap, f);
	n = vsnprintf(buf, cap, f, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= cap)
		fail_msg("a path or argument is too long for its buffer: %s", buf);
}

/* Runs argv with envp (NULL: ours), stdout/stderr into files; exit status or -1. */
static int run(const char *const cargv[], const char *const cenvp[], const char *out,
               const char *err)
{
	posix_spawn_file_actions_t fa;
	char *argv[64], *envp[16];
	size_t n;
	pid_t pid;
	int st, rc;

	/* posix_spawn's arrays are char *const[]; it does not write them */
	for (n = 0; cargv[n]; n++)
		assert_true(n + 1 < sizeof argv / sizeof argv[0]);
	memcpy(argv, cargv, (n + 1) * sizeof *argv);
	if (cenvp) {
		for (n = 0; cenvp[n]; n++)
			assert_true(n + 1 < sizeof envp / sizeof envp[0]);
		memcpy(envp, cenvp, (n + 1) * sizeof *envp);
	}

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, cenvp ? envp : environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		print_error("cannot run %s: %s\n", argv[0], strerror(rc));
		return -1;
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void sh(const char *script, const char *a1, const char *a2)
{
	const char *argv[] = { "sh", "-c", script, "sh", a1, a2, NULL };
	assert_int_equal(run(argv, NULL, "/dev/null", "/dev/null"), 0);
}

/* The actual file equals the expected one (or becomes it, when blessing). */
static void same_file(const char *actual, const char *expected)
{
	char *a, *e;
	size_t al = 0, el = 0, i, line = 1;

	if (bless) {
		sh("mkdir -p \"$(dirname \"$2\")\" && cp \"$1\" \"$2\"", actual, expected);
		return;
	}
	a = th_read(actual, &al);
	e = th_read(expected, &el);
	if (!a)
		fail_msg("%s: cannot read", actual);
	if (!e)
		fail_msg("%s: cannot read (expected %s)", expected, actual);
	for (i = 0; i < al && i < el && a[i] == e[i]; i++)
		if (a[i] == '\n')
			line++;
	if (i < al || i < el) {
		size_t s = i, n;
		while (s > 0 && a[s - 1] != '\n')
			s--;
		n = strcspn(a + s, "\n");
		print_error("%s differs from %s at line %zu:\n  have: %.*s\n  want: %.*s\n", actual,
		            expected, line, (int)n, a + s, (int)strcspn(e + s, "\n"), e + s);
		free(a);
		free(e);
		fail();
	}
	free(a);
	free(e);
}

static void same_text(const char *actual_text, const char *actual_tmp, const char *expected)
{
	FILE *f = fopen(actual_tmp, "w");
	assert_non_null(f);
	fputs(actual_text, f);
	fclose(f);
	same_file(actual_tmp, expected);
}

/* Regular files under dir, relative, sorted, one per line, into list. */
static void tree(const char *dir, const char *rel, char *list, size_t cap)
{
	char path[PATH_MAX], sub[PATH_MAX];
	struct dirent **ents;
	int n, i;

	fmt(path, sizeof path, "%s%s%s", dir, *rel ? "/" : "", rel);
	n = scandir(path, &ents, NULL, alphasort);
	if (n < 0)
		return;
	for (i = 0; i < n; i++) {
		struct stat st;
		const char *name = ents[i]->d_name;
		if (strcmp(name, ".") && strcmp(name, "..")) {
			char full[PATH_MAX];
			fmt(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", name);
			fmt(full, sizeof full, "%s/%s", dir, sub);
			if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
				tree(dir, sub, list, cap);
			else if (strlen(list) + strlen(sub) + 2 < cap) {
				strcat(list, sub);
				strcat(list, "\n");
			}
		}
		free(ents[i]);
	}
	free(ents);
}

/* ---- the collector -------------------------------------------------------- */

/* A command the collector may run: reads only. */
static const char *refuse(const char *call)
{
	static const char *writes[] = { "apply", "create", "delete", "patch", "put", "update", "tag",
		                        "untag", "replace", "edit", "label", "annotate", "scale", "set",
		                        "rollout", "exec", "attach", "cp", "run", "expose", "drain",
		                        "cordon", "taint", "rm", "mv", "sync", "detach", "add",
		                        "remove", "upload", NULL };
	char w[4][256] = { "", "", "", "" };
	const char *p = call;
	int i, n = 0;

	while (n < 4 && *p) {
		size_t l = strcspn(p, " ");
		fmt(w[n++], sizeof w[0], "%.*s", (int)l, p);
		p += l;
		p += strspn(p, " ");
	}
	if (!strcmp(w[0], "kubectl") || !strcmp(w[0], "oc")) {
		if (!strcmp(w[1], "get"))
			return NULL;
		if (!strcmp(w[1], "create") && !strcmp(w[2], "token"))
			return NULL; /* a TokenRequest: nothing is stored */
	} else if (!strcmp(w[0], "aws")) {
		if (!strcmp(w[1], "iam") && (!strncmp(w[2], "get-", 4) || !strncmp(w[2], "list-", 5)))
			return NULL;
		if (!strcmp(w[1], "s3") && !strcmp(w[2], "cp") && !strncmp(w[3], "s3://", 5) &&
		    strstr(call, " - ")) /* to stdout */
			return NULL;
	} else {
		return "an unexpected program";
	}
	for (i = 0; writes[i]; i++) {
		size_t l = strlen(writes[i]);
		if (!strcmp(w[1], writes[i]) || !strncmp(w[2], writes[i], l))
			return writes[i];
	}
	return "not a known read";
}

typedef struct scenario {
	char name[64];
	char tool[16];
	char args[512];
} scenario;

static scenario scenarios[32];
static size_t nscenarios;

static void load_scenarios(void)
{
	FILE *f = fopen("tests/deploy/scenarios", "r");
	char line[1024];
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		scenario *s = &scenarios[nscenarios];
		char *t1, *t2;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || !line[0])
			continue;
		t1 = strchr(line, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		assert_non_null(t2);
		*t1 = *t2 = '\0';
		fmt(s->name, sizeof s->name, "%s", line);
		fmt(s->tool, sizeof s->tool, "%s", t1 + 1);
		fmt(s->args, sizeof s->args, "%s", t2 + 1);
		assert_true(++nscenarios < sizeof scenarios / sizeof scenarios[0]);
	}
	fclose(f);
	assert_true(nscenarios >= 6);
}

static int have_jq(void)
{
	const char *argv[] = { "sh", "-c", "command -v jq", NULL };
	return run(argv, NULL, "/dev/null", "/dev/null") == 0;
}

static void collect(const scenario *s, int jq)
{
	char work[] = "/tmp/stsverify-deploy.XXXXXX";
	char env[8][PATH_MAX + 64], args[512];
	const char *envp[10], *argv[64];
	char p[PATH_MAX], e[PATH_MAX], out[PATH_MAX], err[PATH_MAX], calls[PATH_MAX];
	char have[1 << 14] = "", want[1 << 14] = "", *line, *save = NULL, *word;
	int argc = 0, n = 0, st, i;

	assert_non_null(mkdtemp(work));
	fmt(env[n++], sizeof env[0], "PATH=%s/tests/deploy/bin:/usr/bin:/bin", top);
	fmt(env[n++], sizeof env[0], "HOME=%s", work);
	fmt(env[n++], sizeof env[0], "TMPDIR=%s", work);
	fmt(env[n++], sizeof env[0], "LC_ALL=C");
	fmt(env[n++], sizeof env[0], "REPLAY_DIR=%s/tests/deploy/recorded/%s", top, s->name);
	fmt(env[n++], sizeof env[0], "FAKE_LOG=%s/calls", work);
	fmt(env[n++], sizeof env[0], "KUBECTL=%s", s->tool);
	if (!jq)
		fmt(env[n++], sizeof env[0], "JQ=");
	for (i = 0; i < n; i++)
		envp[i] = env[i];
	envp[n] = NULL;

	/* sh -c 'cd WORK && exec sh collect.sh -o out ARGS...' */
	fmt(p, sizeof p, "%s/deploy/collect.sh", top);
	argv[argc++] = "sh";
	argv[argc++] = "-c";
	argv[argc++] = "cd \"$0\" && exec sh \"$@\"";
	argv[argc++] = work;
	argv[argc++] = p;
	argv[argc++] = "-o";
	argv[argc++] = "out";
	fmt(args, sizeof args, "%s", s->args);
	for (word = strtok_r(args, " ", &save); word; word = strtok_r(NULL, " ", &save))
		argv[argc++] = word;
	argv[argc] = NULL;

	fmt(out, sizeof out, "%s/stdout", work);
	fmt(err, sizeof err, "%s/stderr", work);
	fmt(calls, sizeof calls, "%s/calls", work);
	st = run(argv, envp, out, err);

	/* nothing that writes */
	{
		char *log = th_read(calls, NULL);
		assert_non_null(log);
		for (line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			const char *why = refuse(line);
			if (why)
				fail_msg("%s: the collector ran a command that may write (%s): %s", s->name, why,
				         line);
		}
		free(log);
	}

	/* exit status, outputs, the commands run */
	fmt(p, sizeof p, "%s/status", work);
	fmt(e, sizeof e, EXP "/%s/status", s->name);
	{
		char txt[16];
		fmt(txt, sizeof txt, "%d\n", st);
		same_text(txt, p, e);
	}
	fmt(e, sizeof e, EXP "/%s/stdout", s->name);
	same_file(out, e);
	fmt(e, sizeof e, EXP "/%s/stderr", s->name);
	same_file(err, e);
	fmt(e, sizeof e, EXP "/%s/calls", s->name);
	same_file(calls, e);

	/* the bundles: exactly these files, these bytes, private modes */
	fmt(p, sizeof p, "%s/out", work);
	fmt(e, sizeof e, EXP "/%s/out", s->name);
	if (bless)
		sh("rm -rf \"$2\"; mkdir -p \"$2\"", p, e);
	tree(p, "", have, sizeof have);
	{
		char names[sizeof have];
		memcpy(names, have, sizeof names);
		for (line = strtok_r(names, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char a[PATH_MAX], x[PATH_MAX];
			struct stat sb;
			fmt(a, sizeof a, "%s/%s", p, line);
			fmt(x, sizeof x, "%s/%s", e, line);
			same_file(a, x);
			assert_int_equal(stat(a, &sb), 0);
			if ((sb.st_mode & 0777) != 0600)
				fail_msg("%s: mode %o, not 0600 (a bundle holds a live token)", a,
				         (unsigned)(sb.st_mode & 0777));
		}
	}
	tree(e, "", want, sizeof want);
	if (strcmp(have, want) != 0)
		fail_msg("%s: bundle files differ\nhave:\n%swant:\n%s", s->name, have, want);
	{
		struct stat sb;
		if (stat(p, &sb) == 0 && (sb.st_mode & 0777) != 0700)
			fail_msg("%s: mode %o, not 0700", p, (unsigned)(sb.st_mode & 0777));
	}
	sh("rm -rf \"$1\"", work, NULL);
}

static void test_collector_scenarios(void **state)
{
	size_t i;
	int jq = have_jq();
	(void)state;
	load_scenarios();
	for (i = 0; i < nscenarios; i++) {
		print_message("collect.sh scenario %s, without jq\n", scenarios[i].name);
		collect(&scenarios[i], 0);
		if (jq && !bless) {
			print_message("collect.sh scenario %s, with jq\n", scenarios[i].name);
			collect(&scenarios[i], 1);
		}
	}
	if (!jq)
		print_message("jq is not installed: the jq runs were skipped\n");
}

/* The read-only rule itself: what it lets through and what it refuses. */
static void test_refuse(void **state)
{
	(void)state;
	assert_null(refuse("kubectl get --raw /openid/v1/jwks"));
	assert_null(refuse("oc create token sa -n ns --audience openshift --duration 10m"));
	assert_null(refuse("aws iam get-role --role-name x --output json"));
	assert_null(refuse("aws iam list-open-id-connect-providers --output text"));
	assert_null(refuse("aws s3 cp s3://b/keys.json - --region us-east-1"));
	assert_string_equal(refuse("kubectl create secret generic x"), "create");
	assert_string_equal(refuse("kubectl apply -f x.yaml"), "apply");
	assert_string_equal(refuse("oc patch sa x -p {}"), "patch");
	assert_string_equal(refuse("kubectl delete pod x"), "delete");
	assert_string_equal(refuse("aws iam update-open-id-connect-provider-thumbprint --x"), "update");
	assert_string_equal(refuse("aws iam tag-role --role-name x"), "tag");
	assert_string_equal(refuse("aws iam put-role-policy --role-name x"), "put");
	assert_string_equal(refuse("aws iam add-client-id-to-open-id-connect-provider --x"), "add");
	assert_string_equal(refuse("aws s3 cp keys.json s3://b/keys.json"), "cp");
	assert_string_equal(refuse("curl https://example.com"), "an unexpected program");
}

/* ---- the manifests ------------------------------------------------------- */

/* Runs a checker script of tests/deploy/ with args; its output must be expect. */
static void checker(const char *script, const char *args, const char *expect, int want_status)
{
	char work[] = "/tmp/stsverify-manifests.XXXXXX", out[PATH_MAX], err[PATH_MAX], cmd[1024];
	const char *argv[] = { "sh", "-c", cmd, NULL };
	int st;

	assert_non_null(mkdtemp(work));
	fmt(out, sizeof out, "%s/stdout", work);
	fmt(err, sizeof err, "%s/stderr", work);
	fmt(cmd, sizeof cmd, "exec python3 tests/deploy/%s %s", script, args);
	st = run(argv, NULL, out, err);
	if (st != want_status) {
		char *e = th_read(err, NULL);
		fail_msg("%s %s: exit %d, not %d\n%s(python3-yaml is installed by "
		         "`bash toolchain/deps.sh test`)",
		         script, args, st, want_status, e ? e : "");
	}
	same_file(out, expect);
	sh("rm -rf \"$1\"", work, NULL);
}

static void test_manifests(void **state)
{
	(void)state;
	checker("check_manifests.py", "", EXP "/manifests.txt", 0);
}

static void test_manifest_mistakes_caught(void **state)
{
	(void)state;
	checker("check_manifests.py",
	        "tests/deploy/bad/kubernetes/job-mistakes.yaml tests/deploy/bad/kubernetes/shapes.yaml "
	        "tests/deploy/bad/kubernetes/unparsable.yaml tests/deploy/bad/openshift/job-eks-habits.yaml",
	        EXP "/manifests-bad.txt", 1);
}

/* ---- the Containerfiles (no engine here: what can be checked without building) ---- */

static void test_containerfiles(void **state)
{
	(void)state;
	checker("check_containerfiles.py", "", EXP "/containerfiles.txt", 0);
}

static void test_containerfile_mistakes_caught(void **state)
{
	(void)state;
	checker("check_containerfiles.py",
	        "tests/deploy/bad/containerfiles/Containerfile.mistakes tests/deploy/bad/containerfiles/Containerfile.shapes",
	        EXP "/containerfiles-bad.txt", 1);
}

/* ---- the kubectl debug recipe of docs/in-cluster.md --------------------------- */

/*
 * The recipe as the docs print it, run with the real kubectl against the fake
 * API server (record/check-debug-recipe.sh), must ask for the ephemeral
 * container it promises. Needs kubectl and python3-cryptography: skipped
 * without them.
 */
static void test_debug_recipe(void **state)
{
	char work[] = "/tmp/stsverify-debug.XXXXXX", out[PATH_MAX], err[PATH_MAX];
	const char *have[] = { "sh", "-c", "command -v kubectl && python3 -c 'import cryptography'", NULL };
	const char *argv[] = { "sh", "tests/deploy/record/check-debug-recipe.sh", NULL };
	char *o;
	int st;
	(void)state;
	if (run(have, NULL, "/dev/null", "/dev/null") != 0) {
		print_message("kubectl or python3-cryptography is not installed: the debug recipe was not run\n");
		skip();
	}
	assert_non_null(mkdtemp(work));
	fmt(out, sizeof out, "%s/stdout", work);
	fmt(err, sizeof err, "%s/stderr", work);
	st = run(argv, NULL, out, err);
	o = th_read(out, NULL);
	assert_non_null(o);
	if (st != 0 || !strstr(o, "\ncheck-debug-recipe: ok\n")) {
		char *e = th_read(err, NULL);
		fail_msg("check-debug-recipe.sh: exit %d\n%s%s", st, o, e ? e : "");
	}
	free(o);
	sh("rm -rf \"$1\"", work, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refuse),
		cmocka_unit_test(test_collector_scenarios),
		cmocka_unit_test(test_manifests),
		cmocka_unit_test(test_manifest_mistakes_caught),
		cmocka_unit_test(test_containerfiles),
		cmocka_unit_test(test_containerfile_mistakes_caught),
		cmocka_unit_test(test_debug_recipe),
	};
	const char *b = getenv("SV_BLESS");
	bless = b && !strcmp(b, "1");
	if (!getcwd(top, sizeof top))
		return 2;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
