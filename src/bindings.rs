//! Binds query variables to values (`--param`, the protocol's bindings) so that the values
//! reach the store's indexes.
//!
//! Meaning: a binding is a one-row `VALUES` block joined to the query's WHERE pattern,
//! below the solution modifiers, grouping and top-level filters, so those filters and the
//! aggregates see the values ([`join_values`]).
//!
//! Speed: joined like that, a value only filters rows the store has already produced.
//! [`bind_variables`] therefore also writes the value into the query wherever that gives
//! the same rows, so that Oxigraph looks it up in an index or filters early:
//! - into the WHERE clause's top-level `FILTER` and `BIND` expressions (every solution they
//!   see carries the value; `BOUND(?v)` becomes true);
//! - into the triple patterns every solution must match (inner joins and `GRAPH` blocks,
//!   both branches of a `UNION`, the left side of `OPTIONAL` and `MINUS`), except below a
//!   `FILTER`, `BIND`, `OPTIONAL` or `MINUS` that uses the variable itself;
//! - and a top-level filter `?x = E` whose `E` becomes a constant string or IRI once the
//!   values are in (e.g. `?key = LCASE(STR(?name))`), or `COALESCE(?x = E, true)` whose
//!   `E` becomes an IRI, binds `?x` to it in the same way, when every solution of the
//!   pattern binds `?x`.
//!
//! The `VALUES` row stays, so the variables keep their values in the results.

use oxigraph::model::{Literal, NamedNode, Term, Variable};
use spargebra::algebra::{Expression, Function, GraphPattern};
use spargebra::term::{GroundTerm, NamedNodePattern, TermPattern, TriplePattern};
use spargebra::Query;

use crate::error::{Error, Result};

/// A variable and the value it is bound to.
type Binding = (Variable, Term);

/// Binds `bindings` for the whole query (see the module documentation): the same rows as
/// [`join_values`], with the values written into the query where they can use an index.
pub fn bind_variables(query: Query, bindings: &[Binding]) -> Result<Query> {
    check_values(bindings)?;
    if bindings.is_empty() {
        return Ok(query);
    }
    let own_projection = has_own_projection(&query);
    Ok(map_pattern(query, |pattern| {
        let mut bindings = bindings.to_vec();
        bind_in(pattern, &mut bindings, Level { where_level: false, own_projection })
    }))
}

/// Binds `bindings` for the whole query as a one-row `VALUES` block joined to the WHERE
/// pattern, and nothing else (the meaning of a binding; [`bind_variables`] gives the same
/// rows faster).
pub fn join_values(query: Query, bindings: &[Binding]) -> Result<Query> {
    check_values(bindings)?;
    if bindings.is_empty() {
        return Ok(query);
    }
    let values = values_row(bindings);
    let own_projection = has_own_projection(&query);
    Ok(map_pattern(query, |pattern| inject_values(pattern, &values, own_projection)))
}

/// Whether the query's pattern starts with the query's own projection (`SELECT`, `DESCRIBE`):
/// the one `Project` that the values pass on their way down to the WHERE pattern. Any other
/// `Project` is a sub-select, whose variables are its own: values are joined outside it.
fn has_own_projection(query: &Query) -> bool {
    matches!(query, Query::Select { .. } | Query::Describe { .. })
}

fn check_values(bindings: &[Binding]) -> Result<()> {
    for (var, value) in bindings {
        if !matches!(value, Term::NamedNode(_) | Term::Literal(_)) {
            return Err(Error::Sparql(format!("cannot bind ?{var} to {value}")));
        }
    }
    Ok(())
}

fn map_pattern(query: Query, f: impl FnOnce(GraphPattern) -> GraphPattern) -> Query {
    match query {
        Query::Select { dataset, pattern, base_iri } => Query::Select { dataset, pattern: f(pattern), base_iri },
        Query::Construct { template, dataset, pattern, base_iri } => {
            Query::Construct { template, dataset, pattern: f(pattern), base_iri }
        }
        Query::Describe { dataset, pattern, base_iri } => Query::Describe { dataset, pattern: f(pattern), base_iri },
        Query::Ask { dataset, pattern, base_iri } => Query::Ask { dataset, pattern: f(pattern), base_iri },
    }
}

/// The one-row `VALUES` block of `bindings` (whose values are IRIs or literals).
fn values_row(bindings: &[Binding]) -> GraphPattern {
    let row = bindings
        .iter()
        .map(|(_, value)| match value {
            Term::NamedNode(n) => Some(GroundTerm::NamedNode(n.clone())),
            Term::Literal(l) => Some(GroundTerm::Literal(l.clone())),
            _ => None,
        })
        .collect();
    GraphPattern::Values { variables: bindings.iter().map(|(v, _)| v.clone()).collect(), bindings: vec![row] }
}

/// Joins `values` to the WHERE pattern, below the modifiers, grouping and top-level filters
/// (`own_projection`: the query's own `Project` is still to be passed; see
/// [`has_own_projection`]).
fn inject_values(p: GraphPattern, values: &GraphPattern, own_projection: bool) -> GraphPattern {
    let b = |inner: Box<GraphPattern>| Box::new(inject_values(*inner, values, own_projection));
    match p {
        GraphPattern::Slice { inner, start, length } => GraphPattern::Slice { inner: b(inner), start, length },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: b(inner) },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: b(inner) },
        GraphPattern::Project { inner, variables } if own_projection => {
            GraphPattern::Project { inner: Box::new(inject_values(*inner, values, false)), variables }
        }
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy { inner: b(inner), expression },
        GraphPattern::Extend { inner, variable, expression } => {
            GraphPattern::Extend { inner: b(inner), variable, expression }
        }
        GraphPattern::Group { inner, variables, aggregates } => {
            GraphPattern::Group { inner: b(inner), variables, aggregates }
        }
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter { expr, inner: b(inner) },
        other => GraphPattern::Join { left: Box::new(values.clone()), right: Box::new(other) },
    }
}

/// Where [`bind_in`] is on its way down from the query's top to its WHERE pattern.
#[derive(Clone, Copy)]
struct Level {
    /// No grouping lies between the pattern and the WHERE pattern.
    where_level: bool,
    /// The query's own `Project` is still to be passed (see [`has_own_projection`]).
    own_projection: bool,
}

/// [`inject_values`] that also writes the values in (see the module documentation).
/// `bindings` grows by the bindings the WHERE-level filters imply.
fn bind_in(p: GraphPattern, bindings: &mut Vec<Binding>, level: Level) -> GraphPattern {
    let Level { where_level, .. } = level;
    let at_where = Level { where_level: true, own_projection: false };
    match p {
        GraphPattern::Slice { inner, start, length } => {
            GraphPattern::Slice { inner: Box::new(bind_in(*inner, bindings, level)), start, length }
        }
        GraphPattern::Distinct { inner } => {
            GraphPattern::Distinct { inner: Box::new(bind_in(*inner, bindings, level)) }
        }
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: Box::new(bind_in(*inner, bindings, level)) },
        GraphPattern::Project { inner, variables } if level.own_projection => {
            let inner = bind_in(*inner, bindings, Level { own_projection: false, ..level });
            GraphPattern::Project { inner: Box::new(inner), variables }
        }
        GraphPattern::OrderBy { inner, expression } => {
            GraphPattern::OrderBy { inner: Box::new(bind_in(*inner, bindings, level)), expression }
        }
        GraphPattern::Group { inner, variables, aggregates } => {
            GraphPattern::Group { inner: Box::new(bind_in(*inner, bindings, at_where)), variables, aggregates }
        }
        GraphPattern::Extend { inner, variable, expression } => {
            let in_where = where_level || !has_group_below(&inner);
            let inner = bind_in(*inner, bindings, level);
            let expression = if in_where { substitute_expression(expression, bindings) } else { expression };
            GraphPattern::Extend { inner: Box::new(inner), variable, expression }
        }
        GraphPattern::Filter { expr, inner } => {
            if where_level || !has_group_below(&inner) {
                // A WHERE-level filter: it sees the values. Conjuncts `?x = constant`
                // bind ?x as well when every solution binds it.
                let expr = substitute_expression(expr, bindings);
                let pattern = where_pattern(&inner);
                for (var, value) in implied_bindings(&expr) {
                    if !bindings.iter().any(|(v, _)| *v == var) && binds_surely(pattern, &var) {
                        bindings.push((var, value));
                    }
                }
                let inner = bind_in(*inner, bindings, at_where);
                GraphPattern::Filter { expr, inner: Box::new(inner) }
            } else {
                GraphPattern::Filter { expr, inner: Box::new(bind_in(*inner, bindings, level)) }
            }
        }
        other => {
            let other = substitute_pattern(other, bindings);
            GraphPattern::Join { left: Box::new(values_row(bindings)), right: Box::new(other) }
        }
    }
}

/// Whether a `GROUP` lies on the way from `p` down to its WHERE pattern.
fn has_group_below(p: &GraphPattern) -> bool {
    match p {
        GraphPattern::Group { .. } => true,
        GraphPattern::Slice { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Filter { inner, .. } => has_group_below(inner),
        // Below a filter or bind, a `Project` is a sub-select: its grouping is its own.
        _ => false,
    }
}

/// The WHERE pattern under the top-level filters and binds, where the values are joined.
fn where_pattern(p: &GraphPattern) -> &GraphPattern {
    match p {
        GraphPattern::Extend { inner, .. } | GraphPattern::Filter { inner, .. } => where_pattern(inner),
        other => other,
    }
}

/// The bindings `?x = constant` (or `sameTerm`) among the conjuncts of `expr`, for a
/// constant that folds to an IRI or a simple literal (for which `=` is `sameTerm`).
fn implied_bindings(expr: &Expression) -> Vec<Binding> {
    let mut found = Vec::new();
    let mut todo = vec![expr];
    while let Some(e) = todo.pop() {
        match e {
            Expression::And(a, b) => {
                todo.push(a);
                todo.push(b);
            }
            Expression::Equal(a, b) | Expression::SameTerm(a, b) => found.extend(equality(a, b)),
            // COALESCE(?x = <iri>, true), for an optional parameter: with ?x bound (the
            // caller checks), `=` with an IRI is never an error, so this is ?x = <iri>.
            Expression::Coalesce(list) if list.len() == 2 && list[1] == Expression::Literal(Literal::from(true)) => {
                if let Expression::Equal(a, b) | Expression::SameTerm(a, b) = &list[0] {
                    found.extend(equality(a, b).filter(|(_, t)| matches!(t, Term::NamedNode(_))));
                }
            }
            _ => {}
        }
    }
    found
}

/// `?x = constant` (either way round) as a binding, when the constant folds.
fn equality(a: &Expression, b: &Expression) -> Option<Binding> {
    match (a, b) {
        (Expression::Variable(v), c) | (c, Expression::Variable(v)) => fold(c).map(|t| (v.clone(), t)),
        _ => None,
    }
}

/// The value of a constant expression built from IRIs, simple literals, `STR`, `LCASE`
/// and `UCASE`, when it is an IRI or a simple literal.
fn fold(e: &Expression) -> Option<Term> {
    let simple = |l: &Literal| l.language().is_none() && l.datatype() == oxigraph::model::vocab::xsd::STRING;
    match e {
        Expression::NamedNode(n) => Some(n.clone().into()),
        Expression::Literal(l) if simple(l) => Some(l.clone().into()),
        Expression::FunctionCall(f, args) if args.len() == 1 => {
            let arg = match &args[0] {
                Expression::Literal(l) => Some(Term::Literal(l.clone())),
                other => fold(other),
            }?;
            match (f, arg) {
                (Function::Str, Term::NamedNode(n)) => Some(Literal::new_simple_literal(n.as_str()).into()),
                (Function::Str, Term::Literal(l)) => Some(Literal::new_simple_literal(l.value()).into()),
                (Function::LCase, Term::Literal(l)) if simple(&l) => {
                    Some(Literal::new_simple_literal(l.value().to_lowercase()).into())
                }
                (Function::UCase, Term::Literal(l)) if simple(&l) => {
                    Some(Literal::new_simple_literal(l.value().to_uppercase()).into())
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// `expr` with the bound variables replaced by their values and `BOUND` of them by true.
/// Patterns inside `EXISTS` are left alone.
fn substitute_expression(expr: Expression, bindings: &[Binding]) -> Expression {
    let s = |e: Box<Expression>| Box::new(substitute_expression(*e, bindings));
    let all = |v: Vec<Expression>| v.into_iter().map(|e| substitute_expression(e, bindings)).collect();
    match expr {
        Expression::Variable(v) => match bindings.iter().find(|(b, _)| *b == v) {
            Some((_, Term::NamedNode(n))) => Expression::NamedNode(n.clone()),
            Some((_, Term::Literal(l))) => Expression::Literal(l.clone()),
            _ => Expression::Variable(v),
        },
        Expression::Bound(v) if bindings.iter().any(|(b, _)| *b == v) => Expression::Literal(Literal::from(true)),
        Expression::Or(a, b) => Expression::Or(s(a), s(b)),
        Expression::And(a, b) => Expression::And(s(a), s(b)),
        Expression::Equal(a, b) => Expression::Equal(s(a), s(b)),
        Expression::SameTerm(a, b) => Expression::SameTerm(s(a), s(b)),
        Expression::Greater(a, b) => Expression::Greater(s(a), s(b)),
        Expression::GreaterOrEqual(a, b) => Expression::GreaterOrEqual(s(a), s(b)),
        Expression::Less(a, b) => Expression::Less(s(a), s(b)),
        Expression::LessOrEqual(a, b) => Expression::LessOrEqual(s(a), s(b)),
        Expression::In(a, list) => Expression::In(s(a), all(list)),
        Expression::Add(a, b) => Expression::Add(s(a), s(b)),
        Expression::Subtract(a, b) => Expression::Subtract(s(a), s(b)),
        Expression::Multiply(a, b) => Expression::Multiply(s(a), s(b)),
        Expression::Divide(a, b) => Expression::Divide(s(a), s(b)),
        Expression::UnaryPlus(a) => Expression::UnaryPlus(s(a)),
        Expression::UnaryMinus(a) => Expression::UnaryMinus(s(a)),
        Expression::Not(a) => Expression::Not(s(a)),
        Expression::If(a, b, c) => Expression::If(s(a), s(b), s(c)),
        Expression::Coalesce(list) => Expression::Coalesce(all(list)),
        Expression::FunctionCall(f, args) => Expression::FunctionCall(f, all(args)),
        other => other,
    }
}

/// Whether `expr` may use `var` (conservatively: any `EXISTS` may).
fn expression_uses(expr: &Expression, var: &Variable) -> bool {
    match expr {
        Expression::Variable(v) | Expression::Bound(v) => v == var,
        Expression::NamedNode(_) | Expression::Literal(_) => false,
        Expression::Exists(_) => true,
        Expression::Or(a, b)
        | Expression::And(a, b)
        | Expression::Equal(a, b)
        | Expression::SameTerm(a, b)
        | Expression::Greater(a, b)
        | Expression::GreaterOrEqual(a, b)
        | Expression::Less(a, b)
        | Expression::LessOrEqual(a, b)
        | Expression::Add(a, b)
        | Expression::Subtract(a, b)
        | Expression::Multiply(a, b)
        | Expression::Divide(a, b) => expression_uses(a, var) || expression_uses(b, var),
        Expression::In(a, list) => expression_uses(a, var) || list.iter().any(|e| expression_uses(e, var)),
        Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => expression_uses(a, var),
        Expression::If(a, b, c) => expression_uses(a, var) || expression_uses(b, var) || expression_uses(c, var),
        Expression::Coalesce(list) | Expression::FunctionCall(_, list) => list.iter().any(|e| expression_uses(e, var)),
    }
}

/// Whether `var` may be bound by `p` (is in scope in it).
fn in_scope(p: &GraphPattern, var: &Variable) -> bool {
    let mut found = false;
    p.on_in_scope_variable(|v| found |= v == var);
    found
}

/// Whether every solution of `p` binds `var`.
fn binds_surely(p: &GraphPattern, var: &Variable) -> bool {
    let term = |t: &TermPattern| matches!(t, TermPattern::Variable(v) if v == var);
    match p {
        GraphPattern::Bgp { patterns } => patterns.iter().any(|t| {
            term(&t.subject) || term(&t.object) || matches!(&t.predicate, NamedNodePattern::Variable(v) if v == var)
        }),
        GraphPattern::Path { subject, object, .. } => term(subject) || term(object),
        GraphPattern::Graph { name, inner } => {
            matches!(name, NamedNodePattern::Variable(v) if v == var) || binds_surely(inner, var)
        }
        GraphPattern::Join { left, right } => binds_surely(left, var) || binds_surely(right, var),
        GraphPattern::Union { left, right } => binds_surely(left, var) && binds_surely(right, var),
        GraphPattern::LeftJoin { left, .. } | GraphPattern::Minus { left, .. } => binds_surely(left, var),
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::OrderBy { inner, .. } => binds_surely(inner, var),
        GraphPattern::Project { inner, variables } => variables.contains(var) && binds_surely(inner, var),
        _ => false,
    }
}

/// `p` with the bound variables replaced by their values in the triple patterns that every
/// solution must match, where that gives the same rows once `p` is joined with the values.
fn substitute_pattern(p: GraphPattern, bindings: &[Binding]) -> GraphPattern {
    if bindings.is_empty() {
        return p;
    }
    // The bindings that `keep` does not rule out.
    let without = |keep: &dyn Fn(&Variable) -> bool| -> Vec<Binding> {
        bindings.iter().filter(|(v, _)| !keep(v)).cloned().collect()
    };
    match p {
        GraphPattern::Bgp { patterns } => {
            GraphPattern::Bgp { patterns: patterns.into_iter().map(|t| substitute_triple(t, bindings)).collect() }
        }
        GraphPattern::Path { subject, path, object } => GraphPattern::Path {
            subject: substitute_term(subject, bindings),
            path,
            object: substitute_term(object, bindings),
        },
        GraphPattern::Graph { name, inner } => GraphPattern::Graph {
            name: substitute_named_node(name, bindings),
            inner: Box::new(substitute_pattern(*inner, bindings)),
        },
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: Box::new(substitute_pattern(*left, bindings)),
            right: Box::new(substitute_pattern(*right, bindings)),
        },
        GraphPattern::Union { left, right } => GraphPattern::Union {
            left: Box::new(substitute_pattern(*left, bindings)),
            right: Box::new(substitute_pattern(*right, bindings)),
        },
        GraphPattern::LeftJoin { left, right, expression } => {
            let kept = without(&|v| in_scope(&right, v) || expression.as_ref().is_some_and(|e| expression_uses(e, v)));
            GraphPattern::LeftJoin { left: Box::new(substitute_pattern(*left, &kept)), right, expression }
        }
        GraphPattern::Minus { left, right } => {
            let kept = without(&|v| in_scope(&right, v));
            GraphPattern::Minus { left: Box::new(substitute_pattern(*left, &kept)), right }
        }
        GraphPattern::Filter { expr, inner } => {
            let kept = without(&|v| expression_uses(&expr, v));
            GraphPattern::Filter { expr, inner: Box::new(substitute_pattern(*inner, &kept)) }
        }
        GraphPattern::Extend { inner, variable, expression } => {
            let kept = without(&|v| *v == variable || expression_uses(&expression, v));
            GraphPattern::Extend { inner: Box::new(substitute_pattern(*inner, &kept)), variable, expression }
        }
        other => other,
    }
}

fn value_of<'a>(var: &Variable, bindings: &'a [Binding]) -> Option<&'a Term> {
    bindings.iter().find(|(v, _)| v == var).map(|(_, t)| t)
}

fn substitute_term(t: TermPattern, bindings: &[Binding]) -> TermPattern {
    match t {
        TermPattern::Variable(v) => match value_of(&v, bindings) {
            Some(Term::NamedNode(n)) => TermPattern::NamedNode(n.clone()),
            Some(Term::Literal(l)) => TermPattern::Literal(l.clone()),
            _ => TermPattern::Variable(v),
        },
        other => other,
    }
}

fn substitute_named_node(n: NamedNodePattern, bindings: &[Binding]) -> NamedNodePattern {
    match n {
        NamedNodePattern::Variable(v) => match value_of(&v, bindings) {
            Some(Term::NamedNode(n)) => NamedNodePattern::NamedNode(NamedNode::clone(n)),
            _ => NamedNodePattern::Variable(v),
        },
        other => other,
    }
}

fn substitute_triple(t: TriplePattern, bindings: &[Binding]) -> TriplePattern {
    TriplePattern {
        subject: substitute_term(t.subject, bindings),
        predicate: substitute_named_node(t.predicate, bindings),
        object: substitute_term(t.object, bindings),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Quad};
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};

    const EX: &str = "http://example.org/";

    fn iri(local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{EX}{local}"))
    }

    /// Two article graphs with names, keys, a link and an optional value.
    fn store() -> oxigraph::store::Store {
        let store = oxigraph::store::Store::new().unwrap();
        let lit = |s: &str| Term::from(Literal::new_simple_literal(s));
        let facts: &[(&str, &str, &str, Term)] = &[
            ("g1", "e1", "label", lit("Anna Keller")),
            ("g1", "e1", "key", lit("anna keller")),
            ("g1", "e1", "alt", lit("Keller")),
            ("g1", "e1", "key", lit("keller")),
            ("g1", "e1", "p", iri("e2").into()),
            ("g1", "e2", "label", lit("Mark Dunn")),
            ("g1", "e2", "key", lit("mark dunn")),
            ("g2", "e1", "label", lit("Anna Keller")),
            ("g2", "e1", "key", lit("anna keller")),
            ("g2", "e3", "label", lit("keller")),
            ("g2", "e3", "key", lit("keller")),
            ("g2", "e3", "p", iri("e1").into()),
        ];
        for (g, s, p, o) in facts {
            store.insert(&Quad::new(iri(s), iri(p), o.clone(), GraphName::NamedNode(iri(g)))).unwrap();
        }
        store
    }

    /// The rows of `query` on `store`, sorted, as text.
    fn rows(store: &oxigraph::store::Store, query: Query) -> Vec<String> {
        let mut prepared = SparqlEvaluator::new().for_query(query);
        prepared.dataset_mut().set_default_graph_as_union();
        let solutions = match prepared.on_store(store).execute().unwrap() {
            QueryResults::Solutions(solutions) => solutions,
            QueryResults::Boolean(answer) => return vec![answer.to_string()],
            QueryResults::Graph(_) => panic!("not a SELECT or ASK query"),
        };
        let mut rows: Vec<String> = solutions
            .map(|s| {
                let s = s.unwrap();
                let mut cells: Vec<String> = s.iter().map(|(v, t)| format!("{v}={t}")).collect();
                cells.sort();
                cells.join(" ")
            })
            .collect();
        rows.sort();
        rows
    }

    fn parse(sparql: &str) -> Query {
        let sparql = format!("BASE <{EX}> {sparql}");
        spargebra::SparqlParser::new().parse_query(&sparql).unwrap()
    }

    fn var(name: &str) -> Variable {
        Variable::new_unchecked(name)
    }

    /// Queries with bindings that exercise every rule, some of them where writing the value
    /// in would change the rows (OPTIONAL, MINUS, inner filters, HAVING, sub-queries).
    fn cases() -> Vec<(&'static str, Vec<Binding>)> {
        let lit = |s: &str| Term::from(Literal::new_simple_literal(s));
        let node = |s: &str| Term::from(iri(s));
        vec![
            (
                "SELECT * WHERE { GRAPH ?g { ?e <label> ?l } FILTER(?l = ?name) }",
                vec![(var("name"), lit("Anna Keller"))],
            ),
            (
                "SELECT * WHERE { GRAPH ?g { ?e <key> ?k . ?e <label> ?l } FILTER(?k = LCASE(STR(?name))) }",
                vec![(var("name"), lit("ANNA KELLER"))],
            ),
            (
                "SELECT * WHERE { GRAPH ?g { ?e <key> ?k ; <label> ?l } FILTER(?k = LCASE(STR(?name))) }",
                vec![(var("name"), lit("Keller"))],
            ),
            ("SELECT * WHERE { ?e <label> ?l OPTIONAL { ?e <p> ?x } }", vec![(var("x"), node("e2"))]),
            ("SELECT * WHERE { ?e <label> ?l OPTIONAL { ?e <p> ?x } }", vec![(var("x"), node("nothing"))]),
            ("SELECT * WHERE { ?e <label> ?l OPTIONAL { ?e <p> ?y FILTER(?y != ?x) } }", vec![(var("x"), node("e2"))]),
            ("SELECT * WHERE { { ?e <label> ?l FILTER(!BOUND(?name)) } }", vec![(var("name"), lit("x"))]),
            ("SELECT * WHERE { { ?e <label> ?v } UNION { ?e <alt> ?v } }", vec![(var("v"), lit("Keller"))]),
            ("SELECT * WHERE { ?e <label> ?l MINUS { ?e <p> ?x } }", vec![(var("x"), node("e1"))]),
            ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", vec![(var("g"), node("g1"))]),
            ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", vec![(var("p"), lit("not an IRI"))]),
            ("SELECT * WHERE { ?s <label> ?l }", vec![(var("s"), lit("a literal"))]),
            (
                "SELECT * WHERE { GRAPH ?g { ?e <label> ?l } FILTER(COALESCE(?g = ?only, true)) }",
                vec![(var("only"), node("g2"))],
            ),
            ("SELECT * WHERE { GRAPH ?g { ?e <label> ?l } FILTER(COALESCE(?g = ?only, true)) }", vec![]),
            (
                "SELECT * WHERE { GRAPH ?g { ?e <label> ?l } FILTER(COALESCE(?l = ?only, true)) }",
                vec![(var("only"), lit("keller"))],
            ),
            ("SELECT ?e ?u WHERE { ?e <label> ?l BIND(UCASE(?name) AS ?u) }", vec![(var("name"), lit("Anna"))]),
            (
                "SELECT * WHERE { ?e <label> ?l FILTER(COALESCE(CONTAINS(LCASE(?l), LCASE(?f)), true)) }",
                vec![(var("f"), lit("KEL"))],
            ),
            (
                "SELECT ?e (COUNT(*) AS ?n) WHERE { ?e <label> ?l } GROUP BY ?e HAVING(!BOUND(?name))",
                vec![(var("name"), lit("Anna Keller"))],
            ),
            (
                "SELECT ?l (COUNT(*) AS ?n) WHERE { ?e <label> ?l FILTER(?l = ?name) } GROUP BY ?l",
                vec![(var("name"), lit("keller"))],
            ),
            ("SELECT * WHERE { { SELECT ?e WHERE { ?e <label> ?name } } }", vec![(var("name"), lit("Anna Keller"))]),
            (
                "SELECT * WHERE { ?e <key> ?k FILTER(?k = ?a && ?k = ?b) }",
                vec![(var("a"), lit("keller")), (var("b"), lit("x"))],
            ),
        ]
    }

    #[test]
    fn writing_values_in_gives_the_rows_of_the_values_join() {
        let store = store();
        for (sparql, bindings) in cases() {
            let joined = rows(&store, join_values(parse(sparql), &bindings).unwrap());
            let written = rows(&store, bind_variables(parse(sparql), &bindings).unwrap());
            assert_eq!(written, joined, "{sparql} with {bindings:?}");
        }
    }

    /// A sub-select's variables are its own: a value bound for the query is joined outside
    /// the sub-select, never written into it (regression: both ways wrote it into it).
    #[test]
    fn a_sub_select_keeps_its_own_variables() {
        let store = store();
        let name = || vec![(var("name"), Term::from(Literal::new_simple_literal("Anna Keller")))];
        for (sparql, meaning) in [
            (
                "SELECT ?e WHERE { { SELECT ?e WHERE { ?e <label> ?name } } }",
                "SELECT ?e WHERE { VALUES ?name { \"Anna Keller\" } { SELECT ?e WHERE { ?e <label> ?name } } }",
            ),
            (
                "ASK { { SELECT ?e WHERE { ?e <label> ?name FILTER(?name = \"nobody\") } } }",
                "ASK { VALUES ?name { \"Anna Keller\" } { SELECT ?e WHERE { ?e <label> ?name FILTER(?name = \"nobody\") } } }",
            ),
            (
                "SELECT ?e ?n WHERE { { SELECT ?e (COUNT(*) AS ?n) WHERE { ?e <label> ?name } GROUP BY ?e } FILTER(?n > 0) }",
                "SELECT ?e ?n WHERE { VALUES ?name { \"Anna Keller\" } { SELECT ?e (COUNT(*) AS ?n) WHERE { ?e <label> ?name } GROUP BY ?e } FILTER(?n > 0) }",
            ),
        ] {
            let expected = rows(&store, parse(meaning));
            assert!(expected.len() > 1 || sparql.starts_with("ASK"), "{meaning}: {expected:?}");
            assert_eq!(rows(&store, join_values(parse(sparql), &name()).unwrap()), expected, "{sparql}");
            assert_eq!(rows(&store, bind_variables(parse(sparql), &name()).unwrap()), expected, "{sparql}");
        }
    }

    #[test]
    fn a_key_filter_becomes_an_index_lookup() {
        let q = "SELECT * WHERE { GRAPH ?g { ?e <key> ?k . ?e <label> ?l } FILTER(?k = LCASE(STR(?name))) }";
        let bound = bind_variables(parse(q), &[(var("name"), Literal::new_simple_literal("Anna KELLER").into())]);
        let text = bound.unwrap().to_string();
        assert!(text.contains(&format!("<{EX}key> \"anna keller\"")), "{text}");
    }

    #[test]
    fn a_value_inside_optional_is_not_written_in() {
        let q = "SELECT * WHERE { ?e <label> ?l OPTIONAL { ?e <p> ?x } }";
        let text = bind_variables(parse(q), &[(var("x"), iri("e2").into())]).unwrap().to_string();
        assert!(text.contains("?x"), "{text}");
        assert!(!text.contains(&format!("<{EX}p> <{EX}e2>")), "{text}");
    }

    #[test]
    fn blank_nodes_are_refused() {
        let b = oxigraph::model::BlankNode::default();
        assert!(bind_variables(parse("SELECT * WHERE { ?s ?p ?o }"), &[(var("s"), b.into())]).is_err());
    }
}
