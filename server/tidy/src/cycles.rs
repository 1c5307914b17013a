//! Finds the loops in a directed graph: its strongly connected components
//! (Tarjan's algorithm), and within each a few concrete cycles that between
//! them pass through every node of the component.

use std::collections::VecDeque;

/// The graph as adjacency lists: `edges[node]` are the nodes `node` points
/// to, all below `edges.len()`.
pub type Graph = [Vec<usize>];

/// The strongly connected components, each sorted, in the order Tarjan's
/// algorithm closes them (a component before those that point to it).
pub fn strongly_connected(edges: &Graph) -> Vec<Vec<usize>> {
    let mut search = Tarjan {
        edges,
        next_index: 0,
        index: vec![None; edges.len()],
        low_link: vec![0; edges.len()],
        on_stack: vec![false; edges.len()],
        stack: Vec::new(),
        components: Vec::new(),
    };
    for node in 0..edges.len() {
        if search.index[node].is_none() {
            search.visit(node);
        }
    }
    search.components
}

struct Tarjan<'g> {
    edges: &'g Graph,
    next_index: usize,
    index: Vec<Option<usize>>,
    low_link: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    components: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    // Recursive: the graphs here are a crate's files, a few hundred deep at
    // the very most.
    fn visit(&mut self, node: usize) {
        self.index[node] = Some(self.next_index);
        self.low_link[node] = self.next_index;
        self.next_index += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
        for &next in &self.edges[node] {
            match self.index[next] {
                None => {
                    self.visit(next);
                    self.low_link[node] = self.low_link[node].min(self.low_link[next]);
                }
                Some(seen) if self.on_stack[next] => {
                    self.low_link[node] = self.low_link[node].min(seen);
                }
                Some(_) => {}
            }
        }
        if Some(self.low_link[node]) == self.index[node] {
            let mut component = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack[member] = false;
                component.push(member);
                if member == node {
                    break;
                }
            }
            component.sort_unstable();
            self.components.push(component);
        }
    }
}

/// Cycles that together visit every node caught in a loop, each written as
/// its nodes with the first repeated at the end (`[a, b, a]`). Per
/// component, the smallest node not yet on a listed cycle starts the
/// shortest cycle back to itself, until none is left: a component of many
/// files shows as a few short loops rather than every loop it holds.
pub fn covering_cycles(edges: &Graph) -> Vec<Vec<usize>> {
    let mut cycles = Vec::new();
    let mut components = strongly_connected(edges);
    components.sort();
    for component in components {
        let looped = component.len() > 1 || edges[component[0]].contains(&component[0]);
        if !looped {
            continue;
        }
        let mut covered = vec![false; edges.len()];
        for &start in &component {
            if covered[start] {
                continue;
            }
            let cycle = shortest_cycle(edges, &component, start);
            for &node in &cycle {
                covered[node] = true;
            }
            cycles.push(cycle);
        }
    }
    cycles
}

/// Breadth-first from `start` back to it, inside `component` (where such a
/// way always exists), taking the smaller node first at each step.
fn shortest_cycle(edges: &Graph, component: &[usize], start: usize) -> Vec<usize> {
    let mut came_from = vec![None; edges.len()];
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let mut nexts: Vec<usize> = edges[node]
            .iter()
            .copied()
            .filter(|next| component.binary_search(next).is_ok())
            .collect();
        nexts.sort_unstable();
        for next in nexts {
            if next == start {
                let mut way_back = Vec::new();
                let mut back = node;
                while back != start {
                    way_back.push(back);
                    back = came_from[back].expect("every queued node but the start has a parent");
                }
                way_back.reverse();
                return [vec![start], way_back, vec![start]].concat();
            }
            if came_from[next].is_none() {
                came_from[next] = Some(node);
                queue.push_back(next);
            }
        }
    }
    unreachable!("a node of a strongly connected component lies on a cycle")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_group_the_nodes_that_reach_each_other() {
        // 0 <-> 1 -> 2 -> 3 -> 2, and 4 alone.
        let edges = [vec![1], vec![0, 2], vec![3], vec![2], vec![]];
        let mut components = strongly_connected(&edges);
        components.sort();
        assert_eq!(components, [vec![0, 1], vec![2, 3], vec![4]]);
    }

    #[test]
    fn a_two_node_loop_is_one_cycle() {
        let edges = [vec![1], vec![0]];
        assert_eq!(covering_cycles(&edges), [vec![0, 1, 0]]);
    }

    #[test]
    fn a_graph_without_loops_has_no_cycles() {
        let edges = [vec![1, 2], vec![2], vec![]];
        assert_eq!(covering_cycles(&edges), Vec::<Vec<usize>>::new());
    }

    #[test]
    fn a_self_loop_is_a_cycle() {
        let edges = [vec![0]];
        assert_eq!(covering_cycles(&edges), [vec![0, 0]]);
    }

    #[test]
    fn the_cycles_of_a_component_cover_all_its_nodes() {
        // Two loops through 0: 0 -> 1 -> 0 and 0 -> 2 -> 3 -> 0.
        let edges = [vec![1, 2], vec![0], vec![3], vec![0]];
        assert_eq!(covering_cycles(&edges), [vec![0, 1, 0], vec![2, 3, 0, 2]]);
    }
}
