# ASan + UBSan with clang, no recovery: every finding fails the run.
CC = clang
OPT = -O1 -g -fno-omit-frame-pointer
CFLAGS_TARGET = -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS_TARGET = -fsanitize=address,undefined
TARGET_NAME = host-asan
