using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Storage.Internal;
using NodaTime;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>The listing port of the PostgreSQL store: the <c>fengqiao_case_listing</c> table, written with every append.</summary>
public sealed partial class PostgreSqlCaseStore : ICaseListing
{
    /// <inheritdoc />
    /// <remarks>One indexed query on <c>fengqiao_case_listing</c> (an index per filter, each ending in registration
    /// instant and id, so a page is a range scan from the continuation; ids compare in the "C" collation, as ordinal
    /// text). The table is written in the same transaction as each append, so every node sees the same listing.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid (the message names the field).</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    public async ValueTask<CaseListingPage> ListAsync(CaseListingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return await RunAsync(PostgreSqlCaseStoreOperation.List, async connection =>
        {
            await using var command = new NpgsqlCommand { Connection = connection, CommandTimeout = commandTimeoutSeconds };
            var sql = new StringBuilder("SELECT ").Append(CaseListingRows.Columns).Append(" FROM fengqiao_case_listing");
            Where(command, sql, query, paging: true);
            sql.Append(" ORDER BY registered_at, id LIMIT ").Append(Parameter(command, query.PageSize + 1));
            command.CommandText = sql.ToString();
            var entries = new List<CaseListingEntry>(query.PageSize + 1);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    entries.Add(CaseListingRows.Read(reader));
                }
            }

            return CaseListingPage.Cut(entries, query.PageSize);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>One grouped query on <c>fengqiao_case_listing</c>; its cost grows with the number of cases matched.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid (the message names the field).</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    public async ValueTask<CaseCounts> CountAsync(CaseListingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        (query with { PageSize = 1, After = null }).Validate();
        return await RunAsync(PostgreSqlCaseStoreOperation.Count, async connection =>
        {
            await using var command = new NpgsqlCommand { Connection = connection, CommandTimeout = commandTimeoutSeconds };
            var sql = new StringBuilder("SELECT state, grid, count(*) FROM fengqiao_case_listing");
            Where(command, sql, query, paging: false);
            sql.Append(" GROUP BY state, grid");
            command.CommandText = sql.ToString();
            var byState = new Dictionary<CaseState, long>();
            var byGrid = new Dictionary<OrgUnitId, long>();
            long total = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var state = (CaseState)reader.GetInt32(0);
                var grid = new OrgUnitId(reader.GetString(1));
                var n = reader.GetInt64(2);
                total += n;
                byState[state] = byState.GetValueOrDefault(state) + n;
                byGrid[grid] = byGrid.GetValueOrDefault(grid) + n;
            }

            return new CaseCounts(total, byState.ToImmutableDictionary(), byGrid.ToImmutableDictionary());
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string Parameter(NpgsqlCommand command, object value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return "$" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    private static void Where(NpgsqlCommand command, StringBuilder sql, CaseListingQuery query, bool paging)
    {
        var clauses = new List<string>();
        if (query.HoldingUnit is { } unit)
        {
            clauses.Add("holder = " + Parameter(command, unit.Value));
        }

        if (!query.HoldingUnits.IsDefaultOrEmpty)
        {
            clauses.Add("holder = ANY(" + Parameter(command, query.HoldingUnits.Distinct().Select(h => h.Value).ToArray()) + ")");
        }

        if (query.Worker is { } worker)
        {
            clauses.Add("worker = " + Parameter(command, worker.Value));
        }

        if (!query.States.IsDefaultOrEmpty)
        {
            clauses.Add("state = ANY(" + Parameter(command, query.States.Distinct().Select(s => (int)s).ToArray()) + ")");
        }

        if (query.Category is { } category)
        {
            clauses.Add("category = " + Parameter(command, category.Key));
        }

        if (query.Grid is { } grid)
        {
            clauses.Add("grid = " + Parameter(command, grid.Value));
        }

        if (query.OverdueAt is { } overdueAt)
        {
            clauses.Add("overdue_from <= " + Parameter(command, overdueAt.ToUnixTimeTicks()));
        }

        if (query.RegisteredFrom is { } from)
        {
            clauses.Add("registered_at >= " + Parameter(command, from.ToUnixTimeTicks()));
        }

        if (query.RegisteredBefore is { } before)
        {
            clauses.Add("registered_at < " + Parameter(command, before.ToUnixTimeTicks()));
        }

        if (paging && query.After is { } after)
        {
            // A row comparison the (…, registered_at, id) indexes answer with a range scan.
            clauses.Add($"(registered_at, id) > ({Parameter(command, after.RegisteredAt.ToUnixTimeTicks())}, {Parameter(command, after.CaseId.Value)})");
        }

        if (clauses.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", clauses);
        }
    }
}
