#!/usr/bin/env python3
"""Generates a large Pacemaker CIB for scheduler benchmarks: N nodes, groups, clones and
standalone primitives with location, colocation and order constraints, and an operation
history that has everything running where a previous placement put it (plus a few failures).

usage: gen-cib.py [--nodes 16] [--groups 350] [--group-size 5] [--clones 10]
                  [--primitives 90] [--seed 1] > big.xml
"""
import argparse
import random
import sys
from xml.sax.saxutils import quoteattr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=16)
    ap.add_argument("--groups", type=int, default=350)
    ap.add_argument("--group-size", type=int, default=5)
    ap.add_argument("--clones", type=int, default=10)
    ap.add_argument("--primitives", type=int, default=90)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    nodes = ["node%d" % (i + 1) for i in range(a.nodes)]
    out = []
    w = out.append
    w('<cib admin_epoch="0" epoch="100" num_updates="0" validate-with="pacemaker-3.7" '
      'have-quorum="1" dc-uuid="1" execution-date="1700000000">')
    w('  <configuration>')
    w('    <crm_config><cluster_property_set id="cib-bootstrap-options">')
    w('      <nvpair id="opt-stonith" name="stonith-enabled" value="true"/>')
    w('      <nvpair id="opt-nqp" name="no-quorum-policy" value="stop"/>')
    w('    </cluster_property_set></crm_config>')
    w('    <nodes>')
    for i, n in enumerate(nodes):
        w('      <node id="%d" uname="%s"/>' % (i + 1, n))
    w('    </nodes>')
    w('    <resources>')
    w('      <primitive id="fence" class="stonith" type="fence_vigil"/>')
    running = {}      # resource id -> node
    members = {}      # group id -> member ids

    def prim(rid, indent="      "):
        w('%s<primitive id=%s class="ocf" provider="heartbeat" type="Dummy">' % (indent, quoteattr(rid)))
        w('%s  <instance_attributes id="%s-ia"><nvpair id="%s-ia-state" name="state" value="/run/%s"/>'
          '</instance_attributes>' % (indent, rid, rid, rid))
        w('%s  <operations><op id="%s-mon" name="monitor" interval="10s" timeout="20s"/></operations>'
          % (indent, rid))
        w('%s</primitive>' % indent)

    for g in range(a.groups):
        gid = "grp%d" % g
        w('      <group id="%s">' % gid)
        members[gid] = []
        node = rnd.choice(nodes)
        for m in range(a.group_size):
            rid = "%s-r%d" % (gid, m)
            prim(rid, "        ")
            members[gid].append(rid)
            running[rid] = node
        w('      </group>')
    clones = []
    for c in range(a.clones):
        cid = "cl%d" % c
        clones.append(cid)
        w('      <clone id="%s">' % cid)
        w('        <meta_attributes id="%s-meta"><nvpair id="%s-meta-i" name="interleave" value="true"/>'
          '</meta_attributes>' % (cid, cid))
        prim("%s-child" % cid, "        ")
        w('      </clone>')
    for p in range(a.primitives):
        rid = "prim%d" % p
        prim(rid)
        running[rid] = rnd.choice(nodes)
    w('    </resources>')
    w('    <constraints>')
    for g in range(a.groups):
        gid = "grp%d" % g
        w('      <rsc_location id="loc-%s" rsc="%s" node="%s" score="%d"/>'
          % (gid, gid, rnd.choice(nodes), rnd.choice([50, 100, 200])))
        if g > 0 and g % 3 == 0:
            other = "grp%d" % rnd.randrange(g)
            w('      <rsc_order id="ord-%s" first="%s" then="%s"/>' % (gid, other, gid))
        if g > 0 and g % 5 == 0:
            other = "grp%d" % rnd.randrange(g)
            w('      <rsc_colocation id="col-%s" rsc="%s" with-rsc="%s" score="%s"/>'
              % (gid, gid, other, rnd.choice(["-INFINITY", "100", "-100"])))
    for g in range(0, a.groups, 7):
        w('      <rsc_order id="ord-clone-grp%d" first="%s" then="grp%d"/>' % (g, rnd.choice(clones), g))
    w('    </constraints>')
    w('    <rsc_defaults><meta_attributes id="rsc-options">'
      '<nvpair id="rsc-options-stickiness" name="resource-stickiness" value="100"/>'
      '</meta_attributes></rsc_defaults>')
    w('  </configuration>')
    w('  <status>')
    call = [0]

    def op(rid, task, interval, rc, node):
        call[0] += 1
        key = "%s_%s_%d" % (rid, task, interval)
        oid = "%s_last_0" % rid if interval == 0 else key
        return ('          <lrm_rsc_op id="%s" operation_key="%s" operation="%s" transition-key="1:1:%d:x" '
                'transition-magic="0:%d;1:1:%d:x" call-id="%d" rc-code="%d" op-status="0" interval="%d" '
                'last-rc-change="1699999000" exec-time="10" queue-time="0" on_node="%s"/>'
                % (oid, key, task, 0 if rc != 7 else 7, rc, 0 if rc != 7 else 7, call[0], rc, interval, node))

    for i, n in enumerate(nodes):
        w('    <node_state id="%d" uname="%s" in_ccm="true" crmd="online" join="member" expected="member">'
          % (i + 1, n))
        w('      <lrm id="%d"><lrm_resources>' % (i + 1))
        for rid, where in running.items():
            w('        <lrm_resource id="%s" class="ocf" provider="heartbeat" type="Dummy">' % rid)
            if where == n:
                rc = 1 if rnd.random() < 0.002 else 0
                w(op(rid, "start", 0, 0, n))
                w(op(rid, "monitor", 10000, rc, n))
            else:
                w(op(rid, "monitor", 0, 7, n))
            w('        </lrm_resource>')
        for c in clones:
            rid = "%s-child" % c
            w('        <lrm_resource id="%s" class="ocf" provider="heartbeat" type="Dummy">' % rid)
            w(op(rid, "start", 0, 0, n))
            w(op(rid, "monitor", 10000, 0, n))
            w('        </lrm_resource>')
        w('      </lrm_resources></lrm>')
        w('    </node_state>')
    w('  </status>')
    w('</cib>')
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
