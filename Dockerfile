# The AWS service advisor as one container: `docker build -t advisor .`, then
# `docker run -p 8501:8501 advisor` serves http://localhost:8501/ (see "Hosting" in README.md).

# Build the wheel: it carries the trees and the Streamlit settings.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src src
COPY trees trees
COPY .streamlit .streamlit
RUN pip install --no-cache-dir build && python -m build --wheel --outdir /wheels

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels \
 && useradd --create-home --uid 10001 advisor
USER advisor
WORKDIR /home/advisor
EXPOSE 8501
# The slim image has no curl: Python asks the app's own health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
# Arguments given to `docker run IMAGE ...` are added to this command, such as
# `--server.allowedHosts advisor.example.com`, the name people type.
ENTRYPOINT ["advisor", "serve", "--address", "0.0.0.0", "--port", "8501"]
