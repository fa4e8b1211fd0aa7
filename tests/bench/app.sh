# Sourced by the benchmarks (run from the repository root): builds the form of Portal.Web they measure and sets
#   APP_DIR  the folder to start it in (where themes/, recipes/ and content-seed/ are found)
#   APP      the command that starts it (an array: "${APP[@]}" --urls …)
# BUILD chooses the form:
#   jit        (default) the Release build run with `dotnet Portal.Web.dll`: code is compiled as it first runs
#   r2r        `dotnet publish -r linux-x64 --self-contained false -p:PublishReadyToRun=true`: Portal's and its
#              packages' code compiled ahead of time; the shared framework as installed (itself precompiled)
#   composite  `dotnet publish -r linux-x64 --self-contained true -p:PublishReadyToRun=true
#              -p:PublishReadyToRunComposite=true`: the framework and Portal compiled together into one image
#              (about 3 minutes to build, 220 MB on disk)
# Publishing reuses obj/…/linux-x64 between forms unless it is cleared (a composite build's leftovers break an
# ordinary one), so each publish starts from clean intermediate folders.
BUILD=${BUILD:-jit}
case "$BUILD" in
  jit)
    dotnet build src/Portal.Web -c Release -v quiet -nologo >/dev/null
    APP_DIR=$(pwd)/src/Portal.Web
    APP=(dotnet "$APP_DIR/bin/Release/net10.0/Portal.Web.dll") ;;
  r2r|composite)
    APP_DIR=$(mktemp -d)
    rm -rf src/*/obj/Release/net10.0/linux-x64 src/*/bin/Release/net10.0/linux-x64
    if [ "$BUILD" = r2r ]; then flags=(--self-contained false -p:PublishReadyToRun=true)
    else flags=(--self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true); fi
    dotnet publish src/Portal.Web -c Release -r linux-x64 "${flags[@]}" -o "$APP_DIR" -v quiet -nologo >/dev/null
    rm -rf src/*/obj/Release/net10.0/linux-x64 src/*/bin/Release/net10.0/linux-x64
    if [ "$BUILD" = r2r ]; then APP=(dotnet "$APP_DIR/Portal.Web.dll"); else APP=("$APP_DIR/Portal.Web"); fi ;;
  *) echo "BUILD is jit, r2r or composite (not '$BUILD')" >&2; exit 2 ;;
esac
echo "# Portal.Web as built by BUILD=$BUILD: ${APP[*]}" >&2
# Removes a published copy (call from the script's EXIT trap).
app_cleanup() { if [ "$BUILD" != jit ] && [ -n "${APP_DIR:-}" ]; then rm -rf "$APP_DIR"; fi; }
