from django.dispatch import Signal

# Sent once per learner and course, when the course is first complete.
# Arguments: user, course, completion (a CourseCompletion).
course_completed = Signal()
