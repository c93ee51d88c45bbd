using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>The duplicate detector's look-ups and writes in <c>report_keys</c> (<see cref="ReportKeys"/>), with
/// statements prepared once and each key's digest computed once per registration.</summary>
/// <remarks>Not thread-safe: the store calls it under its gate.</remarks>
internal sealed class ReportKeyStatements : IDisposable
{
    private readonly byte[] salt;
    private readonly SqliteCommand findWindowed;
    private readonly SqliteCommand findAlways;
    private readonly SqliteCommand remember;

    public ReportKeyStatements(SqliteConnection connection, byte[] salt)
    {
        this.salt = salt;
        findWindowed = Prepared(connection, ReportKeys.FindSql(windowed: true), "$digest", "$at", "$from");
        findAlways = Prepared(connection, ReportKeys.FindSql(windowed: false), "$digest");
        remember = Prepared(connection, ReportKeys.RememberSql, "$digest", "$id", "$at");
    }

    /// <summary>Each of the report's matter keys with its digest under the file's salt.</summary>
    public (ReportMatterKey Key, byte[] Digest)[] Digests(CaseReport report)
    {
        var keys = ReportMatterKey.Of(report);
        var digests = new (ReportMatterKey, byte[])[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            digests[i] = (keys[i], ReportKeys.Digest(salt, keys[i]));
        }

        return digests;
    }

    /// <summary>The most recent open case with one of the keys (in order), within the window for a windowed key.</summary>
    public CaseId? Find((ReportMatterKey Key, byte[] Digest)[] digests, Instant at, Duration window)
    {
        foreach (var (key, digest) in digests)
        {
            var find = key.IsWindowed ? findWindowed : findAlways;
            find.Parameters[0].Value = digest;
            if (key.IsWindowed)
            {
                find.Parameters[1].Value = at.ToUnixTimeTicks();
                find.Parameters[2].Value = (at - window).ToUnixTimeTicks();
            }

            if (find.ExecuteScalar() is string id)
            {
                return new CaseId(id);
            }
        }

        return null;
    }

    /// <summary>Writes the registered case's keys (a key it already has is left as it is).</summary>
    public void Remember((ReportMatterKey Key, byte[] Digest)[] digests, Case registered)
    {
        foreach (var (_, digest) in digests)
        {
            remember.Parameters[0].Value = digest;
            remember.Parameters[1].Value = registered.Id.Value;
            remember.Parameters[2].Value = registered.RegisteredAt.ToUnixTimeTicks();
            remember.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        findWindowed.Dispose();
        findAlways.Dispose();
        remember.Dispose();
    }

    private static SqliteCommand Prepared(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
