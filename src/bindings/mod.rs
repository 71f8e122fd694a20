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
/// rows faster). The reference the tests hold [`bind_variables`] to.
#[cfg(test)]
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
#[cfg(test)]
fn inject_values(p: GraphPattern, values: &GraphPattern, own_projection: bool) -> GraphPattern {
    let is_project = matches!(p, GraphPattern::Project { .. });
    if is_project && !own_projection {
        // A sub-select: its variables are its own.
        return GraphPattern::Join { left: Box::new(values.clone()), right: Box::new(p) };
    }
    let own_projection = own_projection && !is_project;
    map_modifier(
        p,
        |inner| inject_values(inner, values, own_projection),
        |other| GraphPattern::Join { left: Box::new(values.clone()), right: Box::new(other) },
    )
}

/// Rebuilds a solution modifier, grouping, BIND or FILTER (slice, distinct, reduced,
/// projection, order, extend, group, filter: the patterns with one inner pattern that lie
/// between a query's top and its WHERE pattern) with `below` applied to its inner pattern;
/// any other pattern becomes what `otherwise` makes of it.
pub(crate) fn map_modifier(
    p: GraphPattern,
    below: impl FnOnce(GraphPattern) -> GraphPattern,
    otherwise: impl FnOnce(GraphPattern) -> GraphPattern,
) -> GraphPattern {
    let down = |inner: Box<GraphPattern>| Box::new(below(*inner));
    match p {
        GraphPattern::Slice { inner, start, length } => GraphPattern::Slice { inner: down(inner), start, length },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: down(inner) },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: down(inner) },
        GraphPattern::Project { inner, variables } => GraphPattern::Project { inner: down(inner), variables },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy { inner: down(inner), expression },
        GraphPattern::Extend { inner, variable, expression } => {
            GraphPattern::Extend { inner: down(inner), variable, expression }
        }
        GraphPattern::Group { inner, variables, aggregates } => {
            GraphPattern::Group { inner: down(inner), variables, aggregates }
        }
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter { expr, inner: down(inner) },
        other => otherwise(other),
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
mod tests;
