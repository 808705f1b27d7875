#!/bin/sh
# The core and the CLI allocate nothing and never use stdio or the clock:
# only port/ may touch the OS. Fails naming the object and the symbol.
set -u
NM=${NM:-nm}
bad='^(malloc|calloc|realloc|free|reallocarray|aligned_alloc|posix_memalign|strdup|strndup|fopen|fdopen|fclose|fread|fwrite|fprintf|printf|sprintf|snprintf|vprintf|vfprintf|vsnprintf|puts|fputs|putchar|getenv|time|clock_gettime|gettimeofday|open|read|write|close|socket|connect|opendir|readdir|exit|abort)$'
status=0
for lib in "$@"; do
	out=$($NM -u -A "$lib" 2>/dev/null | awk '{print $1, $NF}' | sed 's/@.*//' |
		while read -r obj sym; do
			if printf '%s\n' "$sym" | grep -Eq "$bad"; then echo "$obj $sym"; fi
		done)
	if [ -n "$out" ]; then
		echo "check-purity: forbidden symbols in $lib (only port/ may touch the OS):"
		echo "$out"
		status=1
	fi
done
[ $status -eq 0 ] && echo "check-purity: core and CLI reference no allocator, stdio, clock or syscall"
exit $status
