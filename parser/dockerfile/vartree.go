package dockerfile

import (
	"hash/maphash"
	"strings"
)

// varTree is a persistent map from names to variables, a treap: with
// returns a new tree and leaves the old one as it was, sharing all but the
// O(log n) nodes on the changed path. A scope is copied at every ENV and
// ARG instruction and every copy is kept (rules look at the scope of each
// instruction), so with a plain map 10,000 ENV lines cost quadratic time
// and gigabytes; with this tree a copy costs nothing and a change
// O(log n). The zero value is the empty tree.
type varTree struct {
	root *varNode
	size int
}

type varNode struct {
	v           Var
	prio        uint64
	left, right *varNode
}

// treapSeed randomises the priorities, so that no choice of names can
// make the tree degenerate; the set of names alone decides what a tree
// holds, and iteration is in name order, so results do not depend on it.
var treapSeed = maphash.MakeSeed()

func (t varTree) get(name string) (Var, bool) {
	n := t.root
	for n != nil {
		switch c := strings.Compare(name, n.v.Name); {
		case c < 0:
			n = n.left
		case c > 0:
			n = n.right
		default:
			return n.v, true
		}
	}
	return Var{}, false
}

// with returns the tree with v set (replacing a variable of that name).
func (t varTree) with(v Var) varTree {
	root, added := treapInsert(t.root, v, maphash.String(treapSeed, v.Name))
	if added {
		t.size++
	}
	return varTree{root: root, size: t.size}
}

// treapInsert returns a new node for n's subtree with v in it; every node
// it returns is new, so it may still be changed by the caller's rotation.
func treapInsert(n *varNode, v Var, prio uint64) (*varNode, bool) {
	if n == nil {
		return &varNode{v: v, prio: prio}, true
	}
	c := *n
	var added bool
	switch cmp := strings.Compare(v.Name, n.v.Name); {
	case cmp == 0:
		c.v = v
		return &c, false
	case cmp < 0:
		c.left, added = treapInsert(n.left, v, prio)
		if l := c.left; l.prio > c.prio {
			c.left, l.right = l.right, &c
			return l, added
		}
	default:
		c.right, added = treapInsert(n.right, v, prio)
		if r := c.right; r.prio > c.prio {
			c.right, r.left = r.left, &c
			return r, added
		}
	}
	return &c, added
}

// each calls fn for every variable in name order.
func (t varTree) each(fn func(Var)) {
	var stack []*varNode
	n := t.root
	for n != nil || len(stack) > 0 {
		for n != nil {
			stack = append(stack, n)
			n = n.left
		}
		n = stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(n.v)
		n = n.right
	}
}
