//! The function reference: every registered function and every sugared
//! name, with its derivative and its conditions, as a Markdown table read
//! off the registry (README's table is this text, held to it by a test).

use crate::calculus::{conditions, diff};
use crate::functions::{Arity, Func, REGISTERED, SUGAR};
use crate::Expr;

/// The argument names a function of `count` arguments is shown with.
const SLOTS: [&str; 3] = ["u", "v", "w"];

/// The Markdown table of every function: the call, what it is, its
/// derivative (by each argument), and where it is defined and smooth.
///
/// ```
/// let table = symdiff::present::reference::function_table();
/// assert!(table.contains("| `sigmoid(u)` | logistic function 1/(1 + e^-u) | `sigmoid(u)*(1 - sigmoid(u))*du` |"));
/// assert!(table.contains("| `sqrt(u)` |"));
/// ```
pub fn function_table() -> String {
    let mut out =
        String::from("| call | what it is | derivative | conditions |\n|---|---|---|---|\n");
    for f in REGISTERED {
        let Some(def) = f.def() else { continue };
        let count = match def.arity {
            Arity::Exactly(n) => n,
            Arity::AtLeast(n) => n + 1,
        };
        let mut names = SLOTS[..count].to_vec();
        // A function whose first argument must be a whole number (the
        // order of polygamma) shows it as n.
        let plain: Vec<Expr> = names.iter().map(|s| Expr::symbol(s)).collect();
        if (def.check)(&plain).is_some() {
            names.insert(0, "n");
            names.pop();
        }
        let slots: Vec<Expr> = names.iter().map(|s| Expr::symbol(s)).collect();
        let mut call = Expr::call(f.clone(), slots.clone()).to_string();
        if matches!(def.arity, Arity::AtLeast(_)) {
            call = call.replace(')', ", …)");
        }
        let derivative = derivative_text(f, &slots, &names);
        let conditions = conditions::of(&Expr::call(f.clone(), slots)).to_string();
        out.push_str(&format!(
            "| `{call}` | {} | `{derivative}` | {} |\n",
            def.summary,
            if conditions.is_empty() {
                "—".to_string()
            } else {
                format!("`{conditions}`")
            }
        ));
    }
    for sugar in SUGAR {
        let count = match sugar.arity {
            Arity::Exactly(n) | Arity::AtLeast(n) => n,
        };
        let names: Vec<&str> = if sugar.name == "log" {
            vec!["u", "b"]
        } else {
            SLOTS[..count].to_vec()
        };
        let slots: Vec<Expr> = names.iter().map(|s| Expr::symbol(s)).collect();
        let call = format!("{}({})", sugar.name, names.join(", "));
        let Ok(rewritten) = (sugar.rewrite)(&slots) else {
            continue;
        };
        let derivative = diff::derivative(&rewritten, &slots[0]);
        out.push_str(&format!(
            "| `{call}` | {} | `{}*du` | {} |\n",
            sugar.summary,
            crate::simplify(&derivative),
            match conditions::of(&rewritten).to_string() {
                c if c.is_empty() => "—".to_string(),
                c => format!("`{c}`"),
            }
        ));
    }
    out
}

/// `f_u*du + f_v*dv`, the partials simplified, those that are 0 left out.
fn derivative_text(f: &Func, slots: &[Expr], names: &[&str]) -> String {
    let mut text = String::new();
    for (k, name) in names.iter().enumerate() {
        let partial = crate::simplify(&diff::partial_derivative(f, slots, k));
        if partial.is_zero() {
            continue;
        }
        let (negative, size) = match partial.negated_if_negative() {
            Some(positive) => (true, positive),
            None => (false, partial),
        };
        let sign = match (text.is_empty(), negative) {
            (true, true) => "-",
            (true, false) => "",
            (false, true) => " - ",
            (false, false) => " + ",
        };
        let shown = match size.node() {
            crate::Node::Add(_) => format!("({size})"),
            _ => size.to_string(),
        };
        text.push_str(&format!("{sign}{shown}*d{name}"));
    }
    if text.is_empty() {
        text.push('0');
    }
    text
}
