using Npgsql;

namespace Fengqiao.Benchmarks;

/// <summary>
/// The PostgreSQL server the store benchmarks use: <c>FENGQIAO_POSTGRES</c> (an admin connection string, for example
/// the throwaway cluster <c>.ci/run</c> starts). A benchmark database is seeded once as a template and copied for each
/// benchmark process, so the 100,000 cases are written once per server rather than once per benchmark.
/// </summary>
internal static class PostgresBench
{
    public static string Admin => Environment.GetEnvironmentVariable("FENGQIAO_POSTGRES") is { Length: > 0 } admin
        ? admin
        : throw new InvalidOperationException("The PostgreSQL benchmarks need FENGQIAO_POSTGRES: an admin connection string of a server they may create databases on.");

    /// <summary>A fresh copy of the template database <paramref name="template"/>, seeding it first with <paramref name="seed"/> when it does not exist.</summary>
    public static string CopyOf(string template, Action<string> seed)
    {
        using (var connection = new NpgsqlConnection(Admin))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = template } } };
            if ((long)exists.ExecuteScalar()! == 0)
            {
                // A seeding cut short (a benchmark timed out) leaves its partial copy behind: start again.
                Execute(connection, $"DROP DATABASE IF EXISTS \"{template}_partial\" WITH (FORCE)");
                Execute(connection, $"CREATE DATABASE \"{template}_partial\"");
                seed(On($"{template}_partial"));
                NpgsqlConnection.ClearAllPools();
                Execute(connection, $"ALTER DATABASE \"{template}_partial\" RENAME TO \"{template}\"");
            }

            var copy = $"fq_bench_{Guid.NewGuid():N}";
            Execute(connection, $"CREATE DATABASE \"{copy}\" TEMPLATE \"{template}\"");
            return On(copy);
        }
    }

    public static void Drop(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using var connection = new NpgsqlConnection(Admin);
        connection.Open();
        Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string On(string database) => new NpgsqlConnectionStringBuilder(Admin) { Database = database, Pooling = true, MaxPoolSize = 20 }.ToString();

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
