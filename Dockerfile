# One image for the CLI and the three workers (fetcher, extractor, parser).
FROM node:20-bookworm-slim
# LibreOffice converts legacy .doc/.wps/.xls; poppler is not needed at run time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# patch-package applies these in npm ci's postinstall (a faster pdfjs-dist, see patches/README.md).
COPY patches ./patches
COPY packages ./packages
COPY services ./services
# npm ci's postinstall also compiles the entry points to dist/ (scripts/build.mjs).
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund || npm ci --no-audit --no-fund
COPY migrations ./migrations
COPY samples ./samples
ENV NODE_ENV=production BUDGET_INGEST_DATA_DIR=/data
VOLUME /data
ENTRYPOINT ["npx", "budget-ingest"]
CMD ["--help"]
