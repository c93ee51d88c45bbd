using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using NodaTime;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>The <c>fengqiao_report_keys</c> table: an HMAC-SHA-256 digest (keyed by a random per-database salt) of
/// each <see cref="ReportMatterKey"/> of each registered case, so every node's duplicate detector shares it, without a
/// phone number in plain text.</summary>
internal static class ReportKeys
{
    // The advisory lock class for matter keys ("FQ"); the object is the first four bytes of the key's digest.
    public const int LockClass = 0x4651;

    // Closed, Declined, Merged and Withdrawn: a report never joins them (CaseDesk's rule).
    private const string OpenStates = "l.state NOT IN (10, 2, 15, 16)";

    public static async Task<byte[]> CreateSaltAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(32);
        await using var insert = new NpgsqlCommand("INSERT INTO fengqiao_settings (name, value) VALUES ('report_key_salt', $1)", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = salt });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return salt;
    }

    public static async Task<byte[]> LoadSaltAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var read = new NpgsqlCommand("SELECT value FROM fengqiao_settings WHERE name = 'report_key_salt'", connection);
        return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[]
            ?? throw new InvalidOperationException("The case store has no report-key salt (fengqiao_settings); it was written outside the store.");
    }

    public static byte[] Digest(byte[] salt, ReportMatterKey key) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(key.Text));

    public static int LockObject(byte[] digest) => BinaryPrimitives.ReadInt32BigEndian(digest);

    /// <summary>The most recent open case with one of the report's keys (the reference first), within the window for the
    /// reporter key: every key's look-up in one round trip, the first in key order that finds a case answering.</summary>
    public static async Task<CaseId?> FindAsync(NpgsqlConnection connection, CaseReport report, Instant at, byte[] salt, Duration window, int timeoutSeconds, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { Timeout = timeoutSeconds };
        foreach (var find in Finds(report, at, salt, window))
        {
            batch.BatchCommands.Add(find);
        }

        if (batch.BatchCommands.Count == 0)
        {
            return null;
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new CaseId(reader.GetString(0));
            }
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        return null;
    }

    /// <summary>The look-ups of <see cref="FindAsync"/> as batch commands, one a key in the same order, each selecting
    /// at most one row with the column <c>case_id</c>: the first that finds a case gives the answer.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Finds(CaseReport report, Instant at, byte[] salt, Duration window)
    {
        foreach (var key in ReportMatterKey.Of(report))
        {
            var find = new NpgsqlBatchCommand(
                "SELECT k.case_id FROM fengqiao_report_keys k JOIN fengqiao_case_listing l ON l.id = k.case_id " +
                $"WHERE k.digest = $1 AND {OpenStates} " +
                (key.IsWindowed ? "AND k.registered_at <= $2 AND k.registered_at >= $3 " : "") +
                "ORDER BY k.registered_at DESC, k.case_id DESC LIMIT 1");
            find.Parameters.Add(new NpgsqlParameter { Value = Digest(salt, key) });
            if (key.IsWindowed)
            {
                find.Parameters.Add(new NpgsqlParameter { Value = at.ToUnixTimeTicks() });
                find.Parameters.Add(new NpgsqlParameter { Value = (at - window).ToUnixTimeTicks() });
            }

            yield return find;
        }
    }

    public static IEnumerable<NpgsqlBatchCommand> Remember(Case registered, byte[] salt)
    {
        foreach (var key in ReportMatterKey.Of(registered.Report))
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO fengqiao_report_keys (digest, case_id, registered_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter { Value = Digest(salt, key) });
            insert.Parameters.Add(new NpgsqlParameter { Value = registered.Id.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = registered.RegisteredAt.ToUnixTimeTicks() });
            yield return insert;
        }
    }
}
