using System.Security.Cryptography;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Ports;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>The <c>report_keys</c> table: an HMAC-SHA-256 digest (keyed by a random per-file salt) of each
/// <see cref="ReportMatterKey"/> of each registered case, so the duplicate detector survives restarts and is shared
/// by every desk on the file, without a phone number in plain text.</summary>
internal static class ReportKeys
{
    // Closed, Declined, Merged and Withdrawn: a report never joins them (CaseDesk's rule).
    private const string OpenStates = "l.state NOT IN (10, 2, 15, 16)";

    public const string RememberSql = "INSERT OR IGNORE INTO report_keys (digest, case_id, registered_at) VALUES ($digest, $id, $at)";

    /// <summary>The look-up of the most recent open case holding a key digest (for a windowed key, registered within the window).</summary>
    public static string FindSql(bool windowed) =>
        "SELECT k.case_id FROM report_keys k JOIN case_listing l ON l.id = k.case_id " +
        $"WHERE k.digest = $digest AND {OpenStates} " +
        (windowed ? "AND k.registered_at <= $at AND k.registered_at >= $from " : "") +
        "ORDER BY k.registered_at DESC, k.case_id DESC LIMIT 1";

    public static byte[] CreateSalt(SqliteConnection connection, SqliteTransaction transaction)
    {
        var salt = RandomNumberGenerator.GetBytes(32);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO store_settings (name, value) VALUES ('report_key_salt', $salt)";
        insert.Parameters.AddWithValue("$salt", salt);
        insert.ExecuteNonQuery();
        return salt;
    }

    public static byte[] LoadSalt(SqliteConnection connection)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM store_settings WHERE name = 'report_key_salt'";
        return read.ExecuteScalar() as byte[] ?? throw new InvalidOperationException("The case store has no report-key salt (store_settings); it was written outside the store.");
    }

    public static byte[] Digest(byte[] salt, ReportMatterKey key) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(key.Text));

    public static void Remember(SqliteConnection connection, SqliteTransaction transaction, Case registered, byte[] salt)
    {
        foreach (var key in ReportMatterKey.Of(registered.Report))
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = RememberSql;
            insert.Parameters.AddWithValue("$digest", Digest(salt, key));
            insert.Parameters.AddWithValue("$id", registered.Id.Value);
            insert.Parameters.AddWithValue("$at", registered.RegisteredAt.ToUnixTimeTicks());
            insert.ExecuteNonQuery();
        }
    }
}
