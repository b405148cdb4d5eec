# Newswire in a container: the hashed lock, then the project; `newswire` is the entrypoint.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PREFECT_SERVER_ANALYTICS_ENABLED=false

WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY pyproject.toml README.md ./
COPY newswire ./newswire
COPY flows ./flows
COPY schemas ./schemas
RUN pip install --no-cache-dir --no-deps --no-build-isolation .

COPY seeds ./seeds
VOLUME ["/app/warehouse"]
ENTRYPOINT ["newswire"]
CMD ["run", "--input", "seeds", "--warehouse", "warehouse"]
