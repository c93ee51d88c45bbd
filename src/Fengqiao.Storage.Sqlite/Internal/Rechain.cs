using Fengqiao.Cases.Integrity;
using Microsoft.Data.Sqlite;
using static Fengqiao.Storage.Sqlite.Internal.MigrationCommands;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>The re-chaining step the data migrations share (<see cref="PlainCodes"/>, <see cref="InlineText"/>,
/// <see cref="StaffTextApart"/>): one case's bodies rewritten, its personal documents replaced where the rewrite gives
/// new ones, its events re-linked from genesis and its head set, all inside the opening transaction.</summary>
/// <remarks>
/// A case whose hash chain is broken is left as it is (re-chaining would make an edit look genuine), and <c>verify</c>
/// goes on reporting it; a case never chained is rewritten and stays unchained. The case's snapshot, sealed to the old
/// head and folded from the old texts, is deleted when the file has snapshots (schema 9 on): a load replays the events
/// and the next append or <c>repair</c> writes a new one.
/// </remarks>
internal sealed class Rechain : IDisposable
{
    private readonly CaseEventChain chain;
    private readonly SqliteCommand events;
    private readonly SqliteCommand head;
    private readonly SqliteCommand setEvent;
    private readonly SqliteCommand setPersonal;
    private readonly SqliteCommand setHead;
    private readonly SqliteCommand? dropSnapshot;

    /// <param name="connection">The file's connection.</param>
    /// <param name="transaction">The opening transaction.</param>
    /// <param name="chain">The store's chain (keyed when the store is).</param>
    /// <param name="hasSnapshots">Whether the file has the <c>snapshots</c> table (schema 9 on).</param>
    public Rechain(SqliteConnection connection, SqliteTransaction transaction, CaseEventChain chain, bool hasSnapshots)
    {
        this.chain = chain;
        events = Command(connection, transaction,
            "SELECT e.version, e.body, e.link, p.data, p.case_id IS NOT NULL FROM events e LEFT JOIN personal p ON p.case_id = e.case_id AND p.version = e.version WHERE e.case_id = $id ORDER BY e.version", "$id");
        head = Command(connection, transaction, "SELECT head FROM cases WHERE id = $id", "$id");
        setEvent = Command(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version", "$body", "$link", "$id", "$version");
        setPersonal = Command(connection, transaction, "INSERT OR REPLACE INTO personal (case_id, version, data) VALUES ($id, $version, $data)", "$id", "$version", "$data");
        setHead = Command(connection, transaction, "UPDATE cases SET head = $head WHERE id = $id", "$head", "$id");
        dropSnapshot = hasSnapshots ? Command(connection, transaction, "DELETE FROM snapshots WHERE case_id = $id", "$id") : null;
    }

    /// <summary>Rewrites one case's events with <paramref name="rewrite"/> (given all of them, oldest first, it returns
    /// each one's new body and, when it changes, new personal document) and re-chains the case.</summary>
    /// <returns>Whether the case was rewritten: false when its chain is broken (or it has no events); nothing changed.</returns>
    public bool Case(string id, Func<IReadOnlyList<Row>, IReadOnlyList<Rewritten>> rewrite)
    {
        var stored = new List<Row>();
        events.Parameters["$id"].Value = id;
        using (var reader = events.ExecuteReader())
        {
            while (reader.Read())
            {
                stored.Add(new Row(reader.GetInt64(0), StoredBodies.ReadEvent(reader, 1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2),
                    StoredBodies.ReadPersonal(reader, 3), reader.GetBoolean(4)));
            }
        }

        head.Parameters["$id"].Value = id;
        var storedHead = head.ExecuteScalar() is byte[] h ? h : null;
        var unchained = storedHead is null && stored.TrueForAll(e => e.Link is null);
        if (stored.Count == 0
            || (!unchained && chain.Verify(id, [.. stored.Select(e => new StoredCaseEvent(e.Version, e.Body, e.Link))], storedHead, stored.Count) is not null))
        {
            return false;
        }

        var rewritten = rewrite(stored);
        var link = CaseEventChain.Genesis.ToArray();
        for (var i = 0; i < stored.Count; i++)
        {
            var (version, body) = (stored[i].Version, rewritten[i].Body);
            if (rewritten[i].Personal is { } personal)
            {
                setPersonal.Parameters["$id"].Value = id;
                setPersonal.Parameters["$version"].Value = version;
                setPersonal.Parameters["$data"].Value = (object?)personal.Data ?? DBNull.Value;
                setPersonal.ExecuteNonQuery();
            }

            byte[]? newLink = null;
            if (!unchained)
            {
                link = chain.Link(link, id, version, body);
                newLink = link;
            }

            setEvent.Parameters["$body"].Value = body;
            setEvent.Parameters["$link"].Value = (object?)newLink ?? DBNull.Value;
            setEvent.Parameters["$id"].Value = id;
            setEvent.Parameters["$version"].Value = version;
            setEvent.ExecuteNonQuery();
        }

        if (!unchained)
        {
            setHead.Parameters["$head"].Value = link;
            setHead.Parameters["$id"].Value = id;
            setHead.ExecuteNonQuery();
        }

        if (dropSnapshot is not null)
        {
            dropSnapshot.Parameters["$id"].Value = id;
            dropSnapshot.ExecuteNonQuery();
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in new[] { events, head, setEvent, setPersonal, setHead, dropSnapshot })
        {
            command?.Dispose();
        }
    }

    /// <summary>One stored event of the case, with its personal document.</summary>
    /// <param name="Version">The event's version.</param>
    /// <param name="Body">Its body.</param>
    /// <param name="Link">Its hash link, or null (never chained).</param>
    /// <param name="Data">Its personal document, or null (none, or erased).</param>
    /// <param name="HasPersonalRow">Whether it has a row in <c>personal</c> (its data may be null: erased).</param>
    internal sealed record Row(long Version, string Body, byte[]? Link, string? Data, bool HasPersonalRow);

    /// <summary>An event's new body and, when it changes, its new personal document.</summary>
    /// <param name="Body">The new body (the old one when unchanged).</param>
    /// <param name="Personal">The personal row to write (its data null: none, erased), or null to leave the row as it is.</param>
    internal sealed record Rewritten(string Body, PersonalRow? Personal = null);

    /// <summary>A personal row's new data.</summary>
    /// <param name="Data">The document, or null (erased).</param>
    internal sealed record PersonalRow(string? Data);
}
