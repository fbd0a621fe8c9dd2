/**
 * Names of the 支出经济分类 (economic classification) the genre prints in lists
 * and small tables, as data: one name a row, with the spellings printed for it.
 * One reader, `isEconomicName`; a new name or spelling is a row here (and a
 * row in genre.test.ts).
 */

/** [name, other spellings printed for it]. */
export const ECONOMIC_CLASSIFICATION: readonly (readonly [name: string, ...spellings: string[]])[] = [
  ['基本工资'],
  ['津贴补贴'],
  ['奖金'],
  ['绩效工资'],
  ['伙食补助费'],
  ['机关事业单位基本养老保险缴费'],
  ['职业年金缴费'],
  ['职工基本医疗保险缴费'],
  ['其他社会保障缴费'],
  ['住房公积金'],
  ['医疗费'],
  ['其他工资福利支出'],
  ['公务员医疗补助、特殊群体医疗费', '公务员医疗补助特殊群体医疗费'],
  ['公务员医疗补助'],
  ['离休费'],
  ['退休费'],
  ['抚恤金'],
  ['生活补助'],
  ['救济费'],
  ['助学金'],
  ['奖励金'],
  ['其他对个人和家庭的补助', '其他对个人和家庭的补助支出'],
  ['办公费', '办公经费'],
  ['印刷费'],
  ['咨询费'],
  ['手续费'],
  ['水费'],
  ['电费'],
  ['邮电费'],
  ['取暖费'],
  ['物业管理费'],
  ['差旅费'],
  ['因公出国(境)费用'],
  ['维修(护)费', '维修费'],
  ['租赁费'],
  ['会议费'],
  ['培训费'],
  ['公务接待费'],
  ['专用材料费'],
  ['被装购置费'],
  ['专用燃料费'],
  ['劳务费'],
  ['委托业务费'],
  ['工会经费'],
  ['福利费'],
  ['公务用车运行维护费'],
  ['其他交通费用', '其他交通费'],
  ['税金及附加费用'],
  ['其他商品和服务支出'],
  ['办公设备购置'],
  ['专用设备购置'],
  ['信息网络及软件购置更新'],
];

const NAMES: ReadonlySet<string> = new Set(ECONOMIC_CLASSIFICATION.flat());

/** True when a label (normalised: half-width brackets, no spaces) is exactly an economic classification name. */
export function isEconomicName(label: string): boolean {
  return NAMES.has(label);
}
