//! What a function requires of its arguments: the relations and kinds of
//! failure that domain and differentiability conditions are made of.
//! `calculus::conditions` collects them over a whole expression.

use crate::expr::Expr;

/// What failing a condition means.
///
/// ```
/// use symdiff::functions::domain::Kind;
/// assert_eq!(Kind::VerticalTangent.message(), "vertical tangent");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The function itself has no real value.
    Undefined,
    /// The function has a corner or a jump: no derivative.
    NotDifferentiable,
    /// The function is defined but its slope grows without bound.
    VerticalTangent,
}

impl Kind {
    /// How a violation reads: `undefined`, `not differentiable`, `vertical tangent`.
    ///
    /// ```
    /// assert_eq!(symdiff::functions::domain::Kind::Undefined.message(), "undefined");
    /// ```
    pub fn message(self) -> &'static str {
        match self {
            Kind::Undefined => "undefined",
            Kind::NotDifferentiable => "not differentiable",
            Kind::VerticalTangent => "vertical tangent",
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Undefined => "domain",
            Kind::NotDifferentiable => "differentiable",
            Kind::VerticalTangent => "finite_slope",
        }
    }
}

/// How a subject compares with its bound.
///
/// ```
/// assert_eq!(symdiff::functions::domain::Relation::NotEqual.symbol(), "≠");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// `>`
    Greater,
    /// `≥`
    GreaterOrEqual,
    /// `<`
    Less,
    /// `≤`
    LessOrEqual,
    /// `≠`
    NotEqual,
    /// Not one of 0, -1, -2, … (the poles of the gamma function); the
    /// bound is unused.
    NotNonPositiveInteger,
}

impl Relation {
    /// The relation as printed in text.
    ///
    /// ```
    /// assert_eq!(symdiff::functions::domain::Relation::GreaterOrEqual.symbol(), "≥");
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            Relation::Greater => ">",
            Relation::GreaterOrEqual => "≥",
            Relation::Less => "<",
            Relation::LessOrEqual => "≤",
            Relation::NotEqual => "≠",
            Relation::NotNonPositiveInteger => "∉ {0, -1, -2, …}",
        }
    }

    pub(crate) fn latex(self) -> &'static str {
        match self {
            Relation::Greater => ">",
            Relation::GreaterOrEqual => r"\geq",
            Relation::Less => "<",
            Relation::LessOrEqual => r"\leq",
            Relation::NotEqual => r"\neq",
            Relation::NotNonPositiveInteger => r"\notin \{0, -1, -2, \dots\}",
        }
    }

    pub(crate) fn holds(self, value: f64, bound: f64) -> bool {
        // Values within rounding of the bound count as on it, so that
        // cos(pi/2) ≠ 0 fails as it does exactly.
        let on_bound = (value - bound).abs() <= 1e-14 * bound.abs().max(1.0);
        match self {
            Relation::Greater => value > bound && !on_bound,
            Relation::GreaterOrEqual => value >= bound || on_bound,
            Relation::Less => value < bound && !on_bound,
            Relation::LessOrEqual => value <= bound || on_bound,
            Relation::NotEqual => !on_bound,
            Relation::NotNonPositiveInteger => {
                value > 0.0 || (value - value.round()).abs() > 1e-14 * value.abs().max(1.0)
            }
        }
    }

    /// Whether the relation compares with its bound (all but the set
    /// membership [`Relation::NotNonPositiveInteger`]).
    ///
    /// ```
    /// use symdiff::functions::domain::Relation;
    /// assert!(Relation::Less.has_bound() && !Relation::NotNonPositiveInteger.has_bound());
    /// ```
    pub fn has_bound(self) -> bool {
        self != Relation::NotNonPositiveInteger
    }

    /// `r` with its two sides swapped (for `-u > 0` → `u < 0`).
    pub(crate) fn flipped(self) -> Relation {
        match self {
            Relation::Greater => Relation::Less,
            Relation::GreaterOrEqual => Relation::LessOrEqual,
            Relation::Less => Relation::Greater,
            Relation::LessOrEqual => Relation::GreaterOrEqual,
            Relation::NotEqual => Relation::NotEqual,
            Relation::NotNonPositiveInteger => Relation::NotNonPositiveInteger,
        }
    }
}

/// One requirement a function places on its arguments: `subject relation
/// bound`, and what failing it means (`ln(u)` requires `u > 0`, else it is
/// undefined).
///
/// ```
/// use symdiff::functions::domain::{Kind, Relation, Requirement};
/// use symdiff::Expr;
/// let r = Requirement::new(Expr::symbol("u"), Relation::Greater, 0, Kind::Undefined);
/// assert_eq!(r.bound, 0);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Requirement {
    /// What is compared: an argument, or an expression in the arguments.
    pub subject: Expr,
    /// How it compares.
    pub relation: Relation,
    /// The integer it is compared with.
    pub bound: i64,
    /// What failing it means.
    pub kind: Kind,
}

impl Requirement {
    /// `subject relation bound`, failing as `kind`.
    ///
    /// ```
    /// use symdiff::functions::domain::{Kind, Relation, Requirement};
    /// let r = Requirement::new(symdiff::Expr::symbol("u"), Relation::NotEqual, 0, Kind::NotDifferentiable);
    /// assert_eq!(r.kind, Kind::NotDifferentiable);
    /// ```
    pub fn new(subject: Expr, relation: Relation, bound: i64, kind: Kind) -> Requirement {
        Requirement {
            subject,
            relation,
            bound,
            kind,
        }
    }
}
