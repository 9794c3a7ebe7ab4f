# syntax=docker/dockerfile:1
# Build: docker build -t chatops .      Run: docker run -p 8080:8080 chatops
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ChatOps/ChatOps.csproj src/ChatOps/
RUN dotnet restore src/ChatOps/ChatOps.csproj
COPY src/ src/
RUN dotnet publish src/ChatOps/ChatOps.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The embedded SQLite default writes under /app/data; mount a volume there, or use PostgreSQL
# (Storage__Provider=Postgres) with a read-only root filesystem as the Kubernetes manifests do.
RUN mkdir -p /app/data && chown 1654:1654 /app/data
# URLS (unprefixed) overrides the appsettings.json default of localhost:5080.
ENV URLS=http://+:8080 \
    DOTNET_ENVIRONMENT=Production \
    DOTNET_gcServer=0
EXPOSE 8080
# The aspnet image's built-in non-root user ("app", uid 1654).
USER 1654:1654
ENTRYPOINT ["dotnet", "ChatOps.dll"]
