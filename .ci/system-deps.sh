#!/usr/bin/env bash
# Debian packages the test suite needs (TeX toolchain for .bib checks). Idempotent.
set -euo pipefail
need=()
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
# TeX toolchain for the .bib compile test (tests/bibtex, -m slow), kept minimal:
#   texlive-latex-base         pdflatex, bibtex, natbib (+plainnat.bst), url, hyperref
#   texlive-latex-recommended  etoolbox (biblatex needs it)
#   texlive-bibtex-extra       biblatex (+logreq)
#   biber                      the biblatex backend
command -v pdflatex >/dev/null 2>&1 || need+=(texlive-latex-base)
command -v bibtex >/dev/null 2>&1 || need+=(texlive-latex-base)
command -v biber >/dev/null 2>&1 || need+=(biber)
if command -v kpsewhich >/dev/null 2>&1; then
  [ -n "$(kpsewhich etoolbox.sty)" ] || need+=(texlive-latex-recommended)
  [ -n "$(kpsewhich biblatex.sty)" ] || need+=(texlive-bibtex-extra)
else
  need+=(texlive-latex-recommended texlive-bibtex-extra)
fi
if [ "${#need[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${need[@]}" | sort -u) >/dev/null
fi
