# The Atlas in a container: slim Python, system chromium for chart export, a non-root user, a health check.
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends chromium curl && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home atlas
WORKDIR /app
COPY pyproject.toml README.md ./
COPY components ./components
RUN pip install --no-cache-dir .
COPY . .
USER atlas
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD curl -fs http://127.0.0.1:8501/_stcore/health || exit 1
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0", "--browser.gatherUsageStats", "false"]
