//! Names in a Pulumi program: resource names (`private-a-subnet`) and
//! variable names (`privateASubnet`), each unique, never a keyword or a
//! name the program already uses (packages, `config`, `ctx`…).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::build::var_base;
use super::model::{Id, Program, Stmt};
use crate::design::{Ref, pulumi_style};

/// The Pulumi resource name of a design object: `kebab-case` key and kind
/// ([`pulumi_style`]), except that singletons keyed `this` are named for
/// their kind alone (`cluster`, `vpc`, `internet-gateway`).
pub(crate) fn pulumi_name(r: &Ref) -> String {
    let full = pulumi_style(r);
    match full.strip_prefix("this-") {
        Some(kind) if r.key == "this" => kind.to_owned(),
        _ => full,
    }
}

/// Variable names of one program in one language.
pub(crate) struct Vars {
    objs: BTreeMap<Ref, String>,
    extras: BTreeMap<String, String>,
    docs: BTreeMap<String, String>,
}

impl Vars {
    /// Name every resource, lookup and document of `p`, avoiding `reserved`.
    pub fn new(p: &Program, reserved: &[&str]) -> Vars {
        let reserved: BTreeSet<&str> = reserved.iter().copied().collect();
        let mut used: BTreeSet<String> = BTreeSet::new();
        let mut take = |base: String| {
            // One lookup in each set: `insert` tells whether it was free.
            if !reserved.contains(base.as_str()) && used.insert(base.clone()) {
                return base;
            }
            let mut n = 2;
            loop {
                let name = format!("{base}{n}");
                if !reserved.contains(name.as_str()) && used.insert(name.clone()) {
                    return name;
                }
                n += 1;
            }
        };
        let mut objs = BTreeMap::new();
        let mut extras = BTreeMap::new();
        let mut docs = BTreeMap::new();
        for s in &p.stmts {
            match s {
                Stmt::Resource(r) => match &r.id {
                    Id::Obj(o) => {
                        objs.insert(o.clone(), take(var_base(o)));
                    }
                    Id::Extra(name) => {
                        extras.insert(name.clone(), take(name.clone()));
                    }
                },
                Stmt::VpcLookup(r, _) => {
                    objs.insert(r.clone(), take(var_base(r)));
                }
                Stmt::Document { name, .. } => {
                    docs.insert(name.clone(), take(name.clone()));
                }
                _ => {}
            }
        }
        Vars { objs, extras, docs }
    }

    /// The variable of a resource or lookup. An identity the program does
    /// not declare (a planner bug) still gets a readable name.
    pub fn var(&self, id: &Id) -> String {
        self.name(id).into_owned()
    }

    /// [`Vars::var`], borrowed where it can be.
    pub fn name(&self, id: &Id) -> Cow<'_, str> {
        match id {
            Id::Obj(r) => self.obj(r),
            Id::Extra(name) => self
                .extras
                .get(name)
                .map_or_else(|| Cow::Owned(name.clone()), |v| Cow::Borrowed(v.as_str())),
        }
    }

    /// The variable of a design object's resource or lookup.
    pub fn obj(&self, r: &Ref) -> Cow<'_, str> {
        self.objs
            .get(r)
            .map_or_else(|| Cow::Owned(var_base(r)), |v| Cow::Borrowed(v.as_str()))
    }

    /// The variable of a policy document.
    pub fn doc(&self, name: &str) -> String {
        self.doc_name(name).to_owned()
    }

    /// [`Vars::doc`], borrowed.
    pub fn doc_name<'a>(&'a self, name: &'a str) -> &'a str {
        self.docs.get(name).map_or(name, String::as_str)
    }

    /// Every variable, for tests.
    #[cfg(test)]
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.objs
            .values()
            .chain(self.extras.values())
            .chain(self.docs.values())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Kind;

    #[test]
    fn singletons_are_named_for_their_kind() {
        assert_eq!(pulumi_name(&Ref::new(Kind::Cluster, "this")), "cluster");
        assert_eq!(
            pulumi_name(&Ref::new(Kind::InternetGateway, "this")),
            "internet-gateway"
        );
        assert_eq!(
            pulumi_name(&Ref::new(Kind::Subnet, "private_a")),
            "private-a-subnet"
        );
    }
}
