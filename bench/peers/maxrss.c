/*
 * maxrss.c -- memory of one command, in KiB, for bench/run.sh.
 *   maxrss OUTFILE COMMAND [ARG...]
 * writes one line "RU HWM EXIT" to OUTFILE: wait4's ru_maxrss (what GNU time
 * prints), VmHWM from /proc/PID/status and Rss from /proc/PID/smaps_rollup,
 * both read when the command exits (ptrace stops it there; - when that is
 * not possible). Only the command's own process is traced (through its
 * execs, not its children); ru_maxrss covers the children it waited for. The command's output goes where it goes; exit status 0 when
 * the command ran (whatever its own status), 3 when it could not be started.
 *
 * Why three: since Linux 6.2 the RSS counters are per-CPU and read without
 * folding, so ru_maxrss and VmHWM can miss up to 32 pages per CPU and
 * counter: nothing for a 100 MB interpreter, everything for a static
 * program under 1 MiB. smaps_rollup walks the page tables and is exact, but
 * it is the RSS at exit, not the peak: the same thing for a program that
 * never unmaps (stsverify: no malloc, one static workspace), a lower bound
 * for the others. Linux also folds the child's pre-exec RSS (a copy of this
 * parent) into ru_maxrss, so this parent is built static and small.
 * A bench tool, not part of stsverify.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static long field(pid_t pid, const char *file, const char *name)
{
	char path[64], line[256];
	long v = -1;
	size_t n = strlen(name);
	FILE *f;
	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, name, n) == 0) {
			v = strtol(line + n, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	int st, traced = 1;
	long hwm = -1, rss = -1;
	pid_t pid;
	FILE *f;
	if (argc < 3)
		return 2;
	pid = fork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
			raise(SIGUSR1); /* parent sees no SIGTRAP: untraced run */
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	for (;;) {
		if (wait4(pid, &st, 0, &ru) != pid)
			return 2;
		if (WIFEXITED(st) || WIFSIGNALED(st))
			break;
		if (!WIFSTOPPED(st))
			continue;
		if (WSTOPSIG(st) == SIGTRAP && (st >> 16) == PTRACE_EVENT_EXEC) { /* env -> aws */
			ptrace(PTRACE_CONT, pid, NULL, NULL);
		} else if (WSTOPSIG(st) == SIGTRAP && (st >> 16) == PTRACE_EVENT_EXIT) {
			hwm = field(pid, "status", "VmHWM:");
			rss = field(pid, "smaps_rollup", "Rss:");
			ptrace(PTRACE_CONT, pid, NULL, NULL);
		} else if (WSTOPSIG(st) == SIGTRAP && traced == 1) { /* the exec stop */
			traced = 2;
			ptrace(PTRACE_SETOPTIONS, pid, NULL,
			       (void *)(long)(PTRACE_O_TRACEEXIT | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL));
			ptrace(PTRACE_CONT, pid, NULL, NULL);
		} else { /* a signal for the child: pass it on */
			ptrace(PTRACE_CONT, pid, NULL, (void *)(long)WSTOPSIG(st));
		}
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		return 3;
	f = fopen(argv[1], "w");
	if (!f)
		return 2;
	fprintf(f, "%ld ", ru.ru_maxrss);
	fprintf(f, hwm < 0 ? "- " : "%ld ", hwm);
	fprintf(f, rss < 0 ? "-\n" : "%ld\n", rss);
	return fclose(f) == 0 ? 0 : 2;
}
