#!/bin/bash
# bench/peers.sh OUTDIR -- installs what `make bench` compares stsverify with.
# Debian packages (apt-get, only those missing), npm packages into
# OUTDIR/node_modules (npm install --no-save --prefix), nothing else.
# Idempotent; prints one line saying what it did.
set -euo pipefail
out=${1:?usage: bench/peers.sh OUTDIR}

pkgs="openssl jose libjwt-dev python3 python3-jwt python3-jwcrypto python3-cryptography \
hyperfine valgrind time"
# node and npm: Debian's unless the machine already has them (a newer npm may be in place)
command -v node > /dev/null || pkgs="$pkgs nodejs"
command -v npm > /dev/null || pkgs="$pkgs npm"
# the AWS CLI: Debian 12 ships awscli 2.9 (the v2 CLI on python3-botocore)
if apt-cache show awscli > /dev/null 2>&1 || dpkg-query -W awscli > /dev/null 2>&1; then
	pkgs="$pkgs awscli"
fi
missing=""
for p in $pkgs; do
	dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing > /dev/null
fi

mkdir -p "$out"
if [ ! -f "$out/node_modules/jsonwebtoken/package.json" ] || [ ! -f "$out/node_modules/jose/package.json" ]; then
	npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$out" jsonwebtoken@9 jose@5 > /dev/null
fi
echo "bench/peers.sh: peers ready (apt:${missing:- nothing to install}; npm: jsonwebtoken $(
	node -p "require('./$out/node_modules/jsonwebtoken/package.json').version"), jose $(
	node -p "require('./$out/node_modules/jose/package.json').version"))"
