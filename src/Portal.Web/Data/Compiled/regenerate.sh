#!/usr/bin/env bash
# Regenerates the compiled EF models the site loads at start instead of building its model (one per provider), and the
# SQL script of every migration that a new SQLite database is created from.
# Run after any change to an entity or to a module's ConfigureModel, together with the migrations for it;
# tests/Portal.Tests CompiledModelTests fails while the committed models are stale.
# The site is built with the old models (Data/DatabaseSetup.cs names them), which are then removed and written anew, so a
# model of an entity that is gone leaves no file behind. If the old models no longer compile (a property was removed or
# renamed), delete the lines of the generated code that name it and run this again.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
dotnet tool restore >/dev/null
dotnet build src/Portal.Web -c Release -v quiet -nologo
rm -rf src/Portal.Web/Data/Compiled/Sqlite src/Portal.Web/Data/Compiled/Postgres
for provider in Sqlite Postgres; do
  dotnet ef dbcontext optimize --project src/Portal.Web --configuration Release --no-build \
    --nativeaot --context "${provider}PortalDb" --output-dir "Data/Compiled/$provider" --namespace "Portal.Web.Data.Compiled.$provider" >/dev/null
done
# --nativeaot writes the property getters and setters, snapshots and comparers as code (compiled ahead of time in a
# ReadyToRun publish) instead of leaving EF to build them from expression trees at start. Its generator names the
# snapshot lambdas' parameter `source`, which clashes with the local of a property named Source (ContentChange,
# DigestEntry): dotnet/efcore#38465, fixed after 10.0.15. Renaming the parameter is the whole fix; CompiledModelTests
# applies the same rename (GeneratorWorkaround) to what it compares.
sed -i 's/IInternalEntry source)/IInternalEntry entry0)/g; s/\bsource\.\(Entity\|GetCurrentValue\)\b/entry0.\1/g' \
  src/Portal.Web/Data/Compiled/Sqlite/*.cs src/Portal.Web/Data/Compiled/Postgres/*.cs
# Every migration as one script, which a new SQLite database is created from (Data/NewDatabase.cs).
dotnet ef migrations script --project src/Portal.Web --configuration Release --no-build --context SqlitePortalDb \
  --output src/Portal.Web/Data/Schema/sqlite.sql >/dev/null
sed -i '1s/^\xEF\xBB\xBF//' src/Portal.Web/Data/Schema/sqlite.sql
dotnet build src/Portal.Web -c Release -v quiet -nologo >/dev/null
echo "Compiled models regenerated under src/Portal.Web/Data/Compiled/{Sqlite,Postgres}; new-database script at src/Portal.Web/Data/Schema/sqlite.sql."
