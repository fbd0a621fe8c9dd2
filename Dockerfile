# One image for the CLI and the three workers (fetcher, extractor, parser).
# test/docker-build.test.ts replays these steps without Docker: every COPY source exists and is in
# the build context (.dockerignore), and the RUN steps build and start the CLI.
FROM node:20-bookworm-slim
# LibreOffice converts legacy .doc/.wps/.xls; poppler is not needed at run time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Every package's tsconfig extends these: without them the build cannot read the compiler options.
COPY tsconfig.base.json tsconfig.json ./
# patch-package applies these in npm ci's postinstall (a faster pdfjs-dist, see patches/README.md).
COPY patches ./patches
COPY packages ./packages
COPY services ./services
# npm ci's postinstall also compiles the entry points to dist/ (scripts/build.mjs).
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund || npm ci --no-audit --no-fund
COPY migrations ./migrations
COPY samples ./samples
# portals.example.yaml; compose mounts ./config over it, with your portals.yaml.
COPY config ./config
ENV NODE_ENV=production BUDGET_INGEST_DATA_DIR=/data
VOLUME /data
ENTRYPOINT ["npx", "budget-ingest"]
CMD ["--help"]
