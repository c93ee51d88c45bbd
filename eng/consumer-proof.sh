#!/usr/bin/env bash
# Proves the packages in artifacts/packages work as packages: a throwaway consumer project, generated into a
# temporary folder, restores every library package from there plus nuget.org (into a fresh package cache, so a
# stale copy of the same version can never stand in), calls a public method of each, and runs. Then the tool
# package is installed into a temporary tool path and run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="$root/artifacts/packages"
version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$root/Directory.Build.props")"
work="$(mktemp -d "${TMPDIR:-/tmp}/fengqiao-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT

libraries=()
for nupkg in "$feed"/Fengqiao.*."$version".nupkg; do
  id="$(basename "$nupkg" ".$version.nupkg")"
  [ "$id" = "Fengqiao.Cli" ] && continue
  libraries+=("$id")
  # Each library package carries both target frameworks, its README and its XML docs.
  listing="$(unzip -l "$nupkg")"
  for must in "lib/net8.0/$id.dll" "lib/net10.0/$id.dll" "lib/net10.0/$id.xml" "README.md"; do
    grep -q " $must\$" <<<"$listing" || { echo "consumer-proof: $id.$version.nupkg lacks $must" >&2; exit 1; }
  done
  [ -f "$feed/$id.$version.snupkg" ] || { echo "consumer-proof: no symbols package for $id" >&2; exit 1; }
done
[ "${#libraries[@]}" -gt 0 ] || { echo "consumer-proof: no library packages in $feed (run dotnet pack first)" >&2; exit 1; }
echo "consumer-proof: library packages ${libraries[*]} ($version)"

cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
{
  echo '<Project Sdk="Microsoft.NET.Sdk">'
  echo '  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable>'
  echo '    <ImplicitUsings>enable</ImplicitUsings><TreatWarningsAsErrors>true</TreatWarningsAsErrors>'
  echo '    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally><RestorePackagesPath>packages</RestorePackagesPath></PropertyGroup>'
  echo '  <ItemGroup>'
  echo '    <FrameworkReference Include="Microsoft.AspNetCore.App" />'
  for id in "${libraries[@]}"; do echo "    <PackageReference Include=\"$id\" Version=\"$version\" />"; done
  echo '  </ItemGroup>'
  echo '</Project>'
} > "$work/Consumer.csproj"
cp "$root/eng/consumer/Program.cs" "$work/Program.cs"
# Keep the repository's Directory.*.props out of the consumer: it must stand alone like a customer's project.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
echo '<Project />' > "$work/Directory.Packages.props"

(cd "$work" && dotnet run -c Release 2>&1) | sed 's/^/consumer-proof: /'
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || { echo "consumer-proof: the consumer failed" >&2; exit 1; }

tool="$feed/Fengqiao.Cli.$version.nupkg"
if [ -f "$tool" ]; then
  (cd "$work" && dotnet tool install Fengqiao.Cli --version "$version" --tool-path "$work/tools" --add-source "$feed" >/dev/null)
  "$work/tools/fengqiao" about | sed 's/^/consumer-proof: tool: /'
fi
echo "consumer-proof: ok"
