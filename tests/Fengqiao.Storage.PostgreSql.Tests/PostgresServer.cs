using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests run against: the one named by <c>FENGQIAO_POSTGRES</c> (CI starts a throwaway
/// cluster and sets it), or else a throwaway cluster of its own, made with <c>initdb</c> in a temp folder and started
/// with <c>pg_ctl</c> on a free localhost port (as the <c>postgres</c> user when running as root), stopped at the end.
/// Anything that goes wrong fails the tests with the reason: nothing is skipped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Variable = "FENGQIAO_POSTGRES";

    private string? folder;
    private string? pgCtl;
    private int databases;

    public string AdminConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        AdminConnectionString = string.IsNullOrWhiteSpace(given) ? StartCluster() : given;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"PostgreSQL at '{Redacted(AdminConnectionString)}' cannot be reached: {e.Message}", e);
        }
    }

    /// <summary>Creates an empty database for one test and returns its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"fq_{Environment.ProcessId}_{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ToString();
    }

    public Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (folder is not null && pgCtl is not null)
        {
            Run(pgCtl, "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop");
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static string Redacted(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ToString();

    private string StartCluster()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            $"PostgreSQL is needed by these tests: set {Variable} to a connection string, or install the server (apt-get install postgresql) so that initdb is on the PATH or in /usr/lib/postgresql/<version>/bin.");
        folder = Path.Combine(Path.GetTempPath(), "fengqiao-pg-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        if (Environment.UserName == "root")
        {
            Run("chown", "postgres:postgres", folder);
        }

        pgCtl = Path.Combine(bin, "pg_ctl");
        Run(Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--locale=C");
        var port = FreePort();
        Run(pgCtl, "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start");
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    private static string? FindBin()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a PostgreSQL tool, as the postgres user when this process is root (the server refuses root).</summary>
    private static void Run(string tool, params string[] arguments)
    {
        var root = Environment.UserName == "root" && Path.GetFileName(tool) != "chown";
        var start = new ProcessStartInfo(root ? "runuser" : tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (root)
        {
            foreach (var a in new[] { "-u", "postgres", "--", tool })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{tool}' could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{tool} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {error}{output.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
