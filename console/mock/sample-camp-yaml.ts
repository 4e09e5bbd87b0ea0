/** The mock's camps: the SPEC §4 rubric; the signed-in mock user `u007` is a learner and also runs the camp. */
export const AI_CAMP_YAML = `id: ai-2026q4
name: 人工智能应用结业营
timezone: Asia/Shanghai
starts: 2026-11-02
ends: 2026-12-04
lessons: 10
trainers: [zhanglaoshi, chenlaoshi, u007]
managers: [wangjingli, u007]
admins: { users: [liuxingzheng, u007] }
metrics:
  completion: { weight: 20 }
  exam: { weight: 30 }
  assignment: { weight: 25, trainerShare: 0.7, minPeerReviews: 2 }
  project: { weight: 15, target: 20 }
  practice: { weight: 10, target: 3 }
  participation: { weight: 0, target: 30 }
awards:
  - { id: all-round, name: 全能优秀学员奖, rank: composite, top: 10% }
  - { id: best-practice, name: 最佳实践应用奖, rank: practice, top: 5%, tieBreak: composite }
  - { id: best-team, name: 最佳团队协作奖, team: project, top: 1 }
  - { id: most-improved, name: 进步最快奖, improvement: { metric: completion, from: { at: 2026-11-12, max: 40 }, to: { min: 70 } } }
  - { id: user-research, name: 最佳用户研究奖, rank: "assignment:user-research", top: 5% }
prizes:
  all-round: 定制奖杯 + 500 元购书卡
  best-practice: 300 元购书卡
  user-research: 降噪耳机
schedule:
  leaderboard: "0 20 * * *"
  preview: 2026-12-04T10:00
  publish: 2026-12-04T18:00
`;

export const PM_CAMP_YAML = `id: pm-2026q4
name: 产品经理进阶营
timezone: Asia/Shanghai
starts: 2026-11-09
ends: 2026-12-18
lessons: 8
trainers: [chenlaoshi]
metrics:
  completion: { weight: 30 }
  exam: { weight: 40 }
  assignment: { weight: 30, trainerShare: 0.7, minPeerReviews: 2 }
  project: { weight: 0, target: 20 }
  practice: { weight: 0, target: 3 }
`;
