using System.Collections.Immutable;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Storage.Internal;
using Fengqiao.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Fengqiao.Storage.Sqlite;

/// <summary>The listing port of the SQLite store: the <c>case_listing</c> table, written with every append.</summary>
public sealed partial class SqliteCaseStore : ICaseListing
{
    /// <summary>Gets how many appends left their case's listing row as it was (no listed column changed), for tests and benchmarks.</summary>
    internal long ListingRowsSkipped => listing.Skipped;

    /// <inheritdoc />
    /// <remarks>One indexed query on the <c>case_listing</c> table (an index per filter, each ending in registration
    /// instant and id, so a page is a range scan from the continuation); each entry's version is read from the case's row.
    /// The table is written in the same transaction as each append that changes a listed column.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid (the message names the field).</exception>
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, unreadable, locked past the busy timeout).</exception>
    public ValueTask<CaseListingPage> ListAsync(CaseListingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return ValueTask.FromResult(Run(SqliteCaseStoreOperation.List, () =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("SELECT ").Append(ListingProjection.SelectColumns).Append(" FROM case_listing");
            Where(command, sql, query, paging: true);
            sql.Append(" ORDER BY registered_at, id LIMIT $limit");
            command.Parameters.AddWithValue("$limit", query.PageSize + 1);
            command.CommandText = sql.ToString();
            var entries = new List<CaseListingEntry>(query.PageSize + 1);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    entries.Add(CaseListingRows.Read(reader));
                }
            }

            return CaseListingPage.Cut(entries, query.PageSize);
        }, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One grouped query on the <c>case_listing</c> table; its cost grows with the number of cases matched.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid (the message names the field).</exception>
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, unreadable, locked past the busy timeout).</exception>
    public ValueTask<CaseCounts> CountAsync(CaseListingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        (query with { PageSize = 1, After = null }).Validate();
        return ValueTask.FromResult(Run(SqliteCaseStoreOperation.Count, () =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("SELECT state, grid, count(*) FROM case_listing");
            Where(command, sql, query, paging: false);
            sql.Append(" GROUP BY state, grid");
            command.CommandText = sql.ToString();
            var byState = new Dictionary<CaseState, long>();
            var byGrid = new Dictionary<OrgUnitId, long>();
            long total = 0;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var state = (CaseState)reader.GetInt32(0);
                var grid = new OrgUnitId(reader.GetString(1));
                var n = reader.GetInt64(2);
                total += n;
                byState[state] = byState.GetValueOrDefault(state) + n;
                byGrid[grid] = byGrid.GetValueOrDefault(grid) + n;
            }

            return new CaseCounts(total, byState.ToImmutableDictionary(), byGrid.ToImmutableDictionary());
        }, cancellationToken));
    }

    private static void Where(SqliteCommand command, StringBuilder sql, CaseListingQuery query, bool paging)
    {
        var clauses = new List<string>();
        void Add(string clause, string name, object value)
        {
            clauses.Add(clause);
            command.Parameters.AddWithValue(name, value);
        }

        if (query.HoldingUnit is { } unit)
        {
            Add("holder = $holder", "$holder", unit.Value);
        }

        if (!query.HoldingUnits.IsDefaultOrEmpty)
        {
            var names = new List<string>();
            foreach (var (holder, i) in query.HoldingUnits.Distinct().Select((h, i) => (h, i)))
            {
                var name = "$holder" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                names.Add(name);
                command.Parameters.AddWithValue(name, holder.Value);
            }

            clauses.Add($"holder IN ({string.Join(", ", names)})");
        }

        if (query.Worker is { } worker)
        {
            Add("worker = $worker", "$worker", worker.Value);
        }

        if (!query.States.IsDefaultOrEmpty)
        {
            var names = new List<string>();
            foreach (var (state, i) in query.States.Distinct().Select((s, i) => (s, i)))
            {
                var name = "$state" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                names.Add(name);
                command.Parameters.AddWithValue(name, (int)state);
            }

            clauses.Add($"state IN ({string.Join(", ", names)})");
        }

        if (query.Category is { } category)
        {
            Add("category = $category", "$category", category.Key);
        }

        if (query.Grid is { } grid)
        {
            Add("grid = $grid", "$grid", grid.Value);
        }

        if (query.OverdueAt is { } overdueAt)
        {
            Add("overdue_from <= $overdue", "$overdue", overdueAt.ToUnixTimeTicks());
        }

        if (query.RegisteredFrom is { } from)
        {
            Add("registered_at >= $from", "$from", from.ToUnixTimeTicks());
        }

        if (query.RegisteredBefore is { } before)
        {
            Add("registered_at < $before", "$before", before.ToUnixTimeTicks());
        }

        if (paging && query.After is { } after)
        {
            // Row-value comparison: SQLite seeks the (…, registered_at, id) index to the position.
            clauses.Add("(registered_at, id) > ($after_at, $after_id)");
            command.Parameters.AddWithValue("$after_at", after.RegisteredAt.ToUnixTimeTicks());
            command.Parameters.AddWithValue("$after_id", after.CaseId.Value);
        }

        if (clauses.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", clauses);
        }
    }
}
