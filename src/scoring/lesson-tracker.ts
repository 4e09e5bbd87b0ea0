/** Distinct lessons 1..lessons completed per learner (SPEC §6 completion). */
export class LessonTracker {
  readonly counts: Int32Array;
  hasData = false;
  private readonly marks: (Uint8Array | undefined)[] = [];

  constructor(private readonly size: number, private readonly lessons: number) {
    this.counts = new Int32Array(size);
  }

  /** False when the lesson number is outside 1..lessons and so does not count. */
  static counts(lesson: number | null, lessons: number): lesson is number {
    return lesson !== null && Number.isInteger(lesson) && lesson >= 1 && lesson <= lessons;
  }

  add(learner: number, lesson: number | null): void {
    if (!LessonTracker.counts(lesson, this.lessons)) return;
    this.hasData = true;
    let done = this.marks[lesson];
    if (!done) {
      done = new Uint8Array(this.size);
      this.marks[lesson] = done;
    }
    if (done[learner] === 1) return;
    done[learner] = 1;
    this.counts[learner] = (this.counts[learner] ?? 0) + 1;
  }
}
