# The Atlas in a container: slim Python, system chromium for chart export, a non-root user, a health check.
# Two images from this file:
#   docker build -t atlas . && docker run -p 8501:8501 atlas
#       the live Atlas alone (Streamlit on 8501), as before: the last stage is the default target
#   docker build --target site --build-arg SITE_URL=https://atlas.example.org -t atlas-site .
#   docker run -p 8080:8080 atlas-site
#       the published site at / and the live Atlas under /explore/, both through nginx on 8080 (deploy/serve-site.sh)
FROM python:3.11-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends chromium curl && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home atlas
WORKDIR /app
COPY pyproject.toml README.md ./
COPY components ./components
RUN pip install --no-cache-dir .
COPY . .

# Build stage: the static site (python -m components.publish), its text files gzipped once for nginx's gzip_static.
# Outside /app, so that a site/ folder in the build context never mixes with it.
FROM base AS publish
ARG SITE_URL=http://localhost:8080
RUN python -m components.publish /srv/atlas-site --base-url "$SITE_URL" --live-url /explore \
    && bash deploy/precompress.sh /srv/atlas-site

# The site and one live replica behind nginx (deploy/nginx-site.conf.template), run as the non-root user.
FROM base AS site
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*
COPY --from=publish /srv/atlas-site /srv/atlas-site
USER atlas
ENV ADDRESS=0.0.0.0 PYTHON=python
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD curl -fs -o /dev/null http://127.0.0.1:8080/ && curl -fs http://127.0.0.1:8080/explore/_stcore/health || exit 1
CMD ["bash", "deploy/serve-site.sh", "1", "8080", "/srv/atlas-site"]

# The live Atlas alone (the default image).
FROM base AS app
USER atlas
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD curl -fs http://127.0.0.1:8501/_stcore/health || exit 1
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0", "--browser.gatherUsageStats", "false"]
